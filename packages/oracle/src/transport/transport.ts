import type { ChatRequest, ChatResult, ChatStream } from '../types.js';

/** How a client talks HTTP. `http` (undici `request()`) is the default; `sdk` goes through the openai SDK. */
export interface Transport {
  chat(request: ChatRequest, defaultModel: string, signal: AbortSignal | undefined): Promise<ChatResult>;
  stream(request: ChatRequest, defaultModel: string, signal: AbortSignal | undefined): Promise<ChatStream>;
  models(signal: AbortSignal | undefined): Promise<string[]>;
  close(): Promise<void>;
}
