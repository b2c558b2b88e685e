import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { z } from 'zod/v4';

/** One operation of a resource: its dropdown entry, its fields, what it outputs, how it runs. */
export interface QaseOperation {
	option: INodePropertyOptions;
	description: INodeProperties[];
	/** Built on call: only the build (the `__schema__` previews) and the tests need it. */
	output: () => z.ZodType;
	/** One input item. */
	execute?(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]>;
	/**
	 * All input items at once (Result: Create Many): returns the output items, each paired with the
	 * input items it came from. Failures of single items are returned, not thrown, when Continue On
	 * Fail is on.
	 */
	executeAll?(this: IExecuteFunctions, itemIndexes: number[]): Promise<INodeExecutionData[]>;
}
