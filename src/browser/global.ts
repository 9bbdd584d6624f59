import { guard, warn } from './guard';
import { findCompanionScript, readScriptConfig } from './read-script-config';
import { startFlowmatixLeads, type FlowmatixLeadsApi } from './start-flowmatix-leads';

// The script-tag entry (dist/flowmatix-leads.js): reads its own tag and starts, then replaces the stub queue
// `window.FlowmatixLeads = window.FlowmatixLeads || []; FlowmatixLeads.push(['capture', {...}])` with the API and
// replays what was queued. Commands given through `push` never throw into the page.
type Command = [name: 'capture' | 'flush' | 'debug' | 'configure', ...args: unknown[]];
const page = window as unknown as { FlowmatixLeads?: Command[] | FlowmatixLeadsApi };

guard(() => {
  const queued = page.FlowmatixLeads;
  if (queued && !Array.isArray(queued)) return warn('loaded twice: the first copy runs');
  const config = readScriptConfig(findCompanionScript(document), location.href);
  const api = startFlowmatixLeads(config);
  const push = (...commands: Command[]) =>
    commands.forEach((command) =>
      guard(() => {
        // Destructured in the guard: a malformed command (`null`, an object) warns and the rest still runs.
        const [name, ...args] = command;
        if (/^(capture|flush|debug|configure)$/.test(name)) (api[name] as Function)(...args);
        else warn('unknown command', name);
      }),
    );
  page.FlowmatixLeads = { ...api, push } as FlowmatixLeadsApi;
  push(...(queued || []));
  if (config.debug) {
    if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', api.debug);
    else api.debug();
  }
});
