import { useState, type DragEvent } from 'react';
import { IMPORT_LIMITS } from '../../data/import/types';
import { MB } from './importChecks';

/** Where files come in: dropped on the zone, or chosen with the file input it wraps. */
export function DropZone({
  disabled,
  onFiles,
}: {
  disabled: boolean;
  onFiles: (files: FileList | null) => void;
}) {
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!disabled) onFiles(e.dataTransfer.files);
  };

  return (
    <label
      className={`drop-zone${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <input
        type="file"
        multiple
        data-testid="file-input"
        disabled={disabled}
        accept=".csv,.tsv,.txt,.dat,.data,.item,.user,.inter,.zip,.npy,text/csv"
        onChange={(e) => {
          onFiles(e.target.files);
          e.target.value = '';
        }}
      />
      <span>
        <strong>Drop files</strong> or click to choose: an interaction CSV, MovieLens (u.data + u.item +
        u.user, ratings.csv + movies.csv), RecBole atomic files, .npy feature matrices, or one .zip.
      </span>
      <span className="hint">
        Up to {IMPORT_LIMITS.maxFileBytes / MB} MB a file, {IMPORT_LIMITS.maxRows.toLocaleString('en-US')}{' '}
        rows. Read in this tab only.
      </span>
    </label>
  );
}
