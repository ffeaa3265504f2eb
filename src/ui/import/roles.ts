import type { ColumnRole, TableMapping } from '../../data/import/types';

/** The roles a user can pick for a column in the mapping step, with their labels. */
export const ROLE_CHOICES: readonly {
  key: ColumnRole['role'];
  label: string;
  for: readonly TableMapping['kind'][];
}[] = [
  { key: 'ignore', label: 'ignore', for: ['interactions', 'users', 'items', 'itemFeatures'] },
  { key: 'user', label: 'user id', for: ['interactions', 'users'] },
  { key: 'item', label: 'item id', for: ['interactions', 'items', 'itemFeatures'] },
  { key: 'rating', label: 'rating', for: ['interactions'] },
  { key: 'label', label: 'label (0/1)', for: ['interactions'] },
  { key: 'timestamp', label: 'timestamp', for: ['interactions'] },
  { key: 'userField', label: 'user field', for: ['interactions', 'users'] },
  { key: 'userNumeric', label: 'user number', for: ['interactions', 'users'] },
  { key: 'itemField', label: 'item field', for: ['interactions', 'items'] },
  { key: 'itemMultiField', label: 'item list field', for: ['items', 'interactions'] },
  { key: 'itemNumeric', label: 'item number', for: ['items'] },
  { key: 'itemText', label: 'item text', for: ['items'] },
  { key: 'itemFeature', label: 'item feature', for: ['items', 'itemFeatures'] },
  { key: 'itemFlag', label: 'item flag (0/1)', for: ['items'] },
  { key: 'itemVector', label: 'item vector', for: ['items', 'itemFeatures'] },
];

export const TABLE_KINDS: readonly { key: TableMapping['kind']; label: string }[] = [
  { key: 'interactions', label: 'interactions (user × item)' },
  { key: 'users', label: 'one row per user' },
  { key: 'items', label: 'one row per item' },
  { key: 'itemFeatures', label: 'item feature vectors' },
];

/** A role of the given kind with sensible parameters, keeping the previous role's name where it has one. */
export function makeRole(key: ColumnRole['role'], columnName: string): ColumnRole {
  switch (key) {
    case 'ignore':
    case 'user':
    case 'item':
    case 'rating':
    case 'label':
    case 'timestamp':
      return { role: key };
    case 'userField':
    case 'itemField':
    case 'userNumeric':
    case 'itemNumeric':
      return { role: key, name: columnName };
    case 'itemMultiField':
      return { role: key, separator: '|', name: columnName };
    case 'itemText':
      return { role: key };
    case 'itemFeature':
      return { role: key, modality: 'features' };
    case 'itemVector':
      return { role: key, modality: columnName, separator: ' ' };
    case 'itemFlag':
      return { role: key, field: 'flags', value: columnName };
  }
}

/** A short description of a role's parameters, shown under the select. */
export function roleDetail(role: ColumnRole): string {
  switch (role.role) {
    case 'userField':
    case 'itemField':
      return role.transform ? `${role.name ?? ''} (${role.transform})` : '';
    case 'itemMultiField':
      return `split on "${role.separator}"`;
    case 'itemFlag':
      return `${role.field}: ${role.value}`;
    case 'itemFeature':
    case 'itemVector':
      return `→ ${role.modality}`;
    case 'itemText':
      return role.appendFields?.length ? `+ ${role.appendFields.join(', ')}` : '';
    default:
      return '';
  }
}
