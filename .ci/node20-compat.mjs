// `node --import ./.ci/node20-compat.mjs …`: lets @modelcontextprotocol/conformance (built for Node 22)
// run on Node 20. Its one Node 22 import, fs.globSync, serves only its tier-check command, which CI
// does not run: that import is replaced by a stand-in that says so if it is ever called.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function load(url, context, nextLoad) {
      const result = await nextLoad(url, context);
      if (!/@modelcontextprotocol\\/conformance\\/dist\\/index\\.js$/.test(url)) return result;
      let source = String(result.source);
      const match = /globSync as (\\w+),/.exec(source);
      if (!match) return result;
      source = source.replace(match[0], '') +
        '\\nfunction ' + match[1] + '() { throw new Error("fs.globSync needs Node 22 (conformance tier-check)"); }\\n';
      return { ...result, source };
    }
  `)}`,
);
