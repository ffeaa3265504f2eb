import type { ColumnRole, DataMapping, TableMapping } from '../../data/import/types';
import type { FilePreview } from '../../engine/importProtocol';
import { makeRole, ROLE_CHOICES, roleDetail, TABLE_KINDS } from './roles';

interface Props {
  readonly files: readonly FilePreview[];
  readonly mapping: DataMapping;
  readonly onChange: (mapping: DataMapping) => void;
  readonly disabled?: boolean;
}

/**
 * The column-mapping step: for each table, what it holds and what each column means, above a preview of its
 * first rows. Cell values are rendered as text (React escapes them), never as HTML.
 */
export function MappingEditor({ files, mapping, onChange, disabled }: Props) {
  const setTable = (index: number, next: TableMapping) =>
    onChange({ ...mapping, tables: mapping.tables.map((t, i) => (i === index ? next : t)) });

  return (
    <div className="mapping" data-testid="mapping-editor">
      {mapping.tables.map((table, ti) => {
        const file = files.find((f) => f.fileName === table.fileName);
        if (!file) return null;
        return (
          <div key={table.fileName} className="mapping-table">
            <div className="mapping-head">
              <strong>{table.fileName}</strong>
              <span className="hint">
                {file.rows.toLocaleString('en-US')} rows · {describeDelimiter(file.delimiter)} ·{' '}
                {file.encoding}
                {file.hasHeader ? ' · header' : ' · no header'}
                {file.skippedRows > 0 && ` · ${file.skippedRows} rows skipped`}
              </span>
              <select
                aria-label={`What ${table.fileName} holds`}
                value={table.kind}
                disabled={disabled}
                onChange={(e) => setTable(ti, { ...table, kind: e.target.value as TableMapping['kind'] })}
              >
                {TABLE_KINDS.map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="preview-scroll">
              <table className="preview">
                <thead>
                  <tr>
                    {file.columnNames.map((name, ci) => {
                      const role: ColumnRole = table.roles[ci] ?? { role: 'ignore' };
                      return (
                        <th key={ci} scope="col">
                          <div className="col-name" title={name}>
                            {name}
                          </div>
                          <select
                            aria-label={`Role of column ${name} in ${table.fileName}`}
                            value={role.role}
                            disabled={disabled}
                            onChange={(e) => {
                              const roles = [...table.roles];
                              roles[ci] = makeRole(e.target.value as ColumnRole['role'], name);
                              setTable(ti, { ...table, roles });
                            }}
                          >
                            {ROLE_CHOICES.filter(
                              (r) => r.for.includes(table.kind) || r.key === role.role,
                            ).map((r) => (
                              <option key={r.key} value={r.key}>
                                {r.label}
                              </option>
                            ))}
                          </select>
                          <div className="role-detail">{roleDetail(role)}</div>
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {file.preview.slice(0, 6).map((row, ri) => (
                    <tr key={ri}>
                      {file.columnNames.map((_, ci) => (
                        <td key={ci}>{row[ci] ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
      {mapping.matrices.length > 0 && (
        <p className="hint">
          Feature matrices: {mapping.matrices.map((m) => `${m.fileName} → ${m.modality}`).join(', ')}
        </p>
      )}
    </div>
  );
}

function describeDelimiter(d: string | undefined): string {
  switch (d) {
    case '\t':
      return 'tab-separated';
    case ',':
      return 'comma-separated';
    case ';':
      return 'semicolon-separated';
    case '|':
      return 'pipe-separated';
    case undefined:
      return 'matrix';
    default:
      return `"${d}"-separated`;
  }
}
