import { newId } from '../ids.js';

export type FilePurpose = 'batch' | 'batch_output' | 'assistants' | 'fine-tune' | 'vision' | 'user_data' | 'evals';

export const UPLOAD_PURPOSES: ReadonlySet<string> = new Set(['batch', 'assistants', 'fine-tune', 'vision', 'user_data', 'evals']);

/** OpenAI's file object. */
export interface FileObject {
  readonly id: string;
  readonly object: 'file';
  readonly bytes: number;
  readonly created_at: number;
  readonly filename: string;
  readonly purpose: FilePurpose;
  readonly status: 'processed';
  readonly status_details: null;
}

interface StoredFile {
  readonly meta: FileObject;
  readonly data: Buffer;
}

/** Files held in memory for the life of the server. */
export class FileStore {
  readonly #files = new Map<string, StoredFile>();

  add(filename: string, purpose: FilePurpose, data: Buffer): FileObject {
    const meta: FileObject = {
      id: newId('file-'),
      object: 'file',
      bytes: data.length,
      created_at: Math.floor(Date.now() / 1000),
      filename,
      purpose,
      status: 'processed',
      status_details: null,
    };
    this.#files.set(meta.id, { meta, data });
    return meta;
  }

  meta(id: string): FileObject | undefined {
    return this.#files.get(id)?.meta;
  }

  content(id: string): Buffer | undefined {
    return this.#files.get(id)?.data;
  }

  delete(id: string): boolean {
    return this.#files.delete(id);
  }

  /** Newest first. */
  list(purpose?: string): FileObject[] {
    const all = [...this.#files.values()].map((f) => f.meta).reverse();
    return purpose ? all.filter((f) => f.purpose === purpose) : all;
  }

  clear(): void {
    this.#files.clear();
  }
}
