// esbuild plugins for fanout-mcp's bundle, added by cli-kit's `fanout-bundle-cli` (which bundles
// every fanout binary). The server's start-up is mostly V8 compiling the MCP SDK and zod, so two
// things it never runs are left out: the SDK's Ajv validator (it only checks elicitation answers,
// and the server passes its own validator) and zod's translated error messages other than English.

const STUBS = [
  {
    what: "the MCP SDK's Ajv validator",
    filter: /@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]validation[\\/]ajv-provider\.js$/,
    contents: "export class AjvJsonSchemaValidator { constructor() { throw new Error('fanout-mcp: Ajv is not bundled; pass jsonSchemaValidator'); } }",
  },
  {
    what: "zod's locales",
    filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/,
    contents: "export { default as en } from './en.js';",
  },
];

const leaveOut = {
  name: 'leave-out',
  setup(b) {
    const stubbed = new Set();
    for (const stub of STUBS) {
      b.onLoad({ filter: stub.filter }, () => {
        stubbed.add(stub.what);
        return { contents: stub.contents, loader: 'js' };
      });
    }
    // A dependency that moved its files would be bundled whole again: say so instead of growing quietly.
    b.onEnd(() => {
      const missed = STUBS.filter((stub) => !stubbed.has(stub.what));
      if (missed.length > 0) throw new Error(`bundle-plugins: not found to leave out: ${missed.map((stub) => `${stub.what} (${stub.filter})`).join(', ')}`);
    });
  },
};

export default [leaveOut];
