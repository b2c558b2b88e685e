import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { operationOption } from '../../../shared/operations';
import { qaseRecord } from '../../api';
import { resultCreatedSchema } from '../../schemas';
import { resultFields, resultOf } from './fields';

export const option = operationOption(
	'create',
	'Record one test result in a run (one request per item)',
	'Create a result',
);

export const description: INodeProperties[] = resultFields('create');

export const output = resultCreatedSchema;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const { project, runId, body } = resultOf(this, i);
	const created = await qaseRecord(this, 'POST', `/result/${project}/${runId}`, { body });
	return [{ ...created, project, run_id: runId }];
}
