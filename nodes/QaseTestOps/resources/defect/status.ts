import type { INodePropertyOptions } from 'n8n-workflow';

/** Defect.status's enum (testops-api/v1/schemas/Defect.status.yaml). */
export const DEFECT_STATUSES = ['in_progress', 'resolved', 'invalid'] as const;

/** The statuses as options, sorted by name as n8n's lint wants. */
export const defectStatusOptions: INodePropertyOptions[] = [
	{ name: 'In Progress', value: 'in_progress' },
	{ name: 'Invalid', value: 'invalid' },
	{ name: 'Resolved', value: 'resolved' },
];
