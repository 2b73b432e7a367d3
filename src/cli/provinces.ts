/** `provinces set`: what the documents of a province's units take from the province. */
import { CLI_SUMMARY, msg } from '../domain/messages/index.js';
import { defineCommand } from './command.js';
import { clearable, optional, text } from './options.js';

export const provincesSet = defineCommand({
  name: 'provinces set',
  summary: CLI_SUMMARY.provincesSet,
  access: 'operator',
  options: { province: text(), recipients: optional(clearable()), basis: optional(clearable()) },
  async run(ctx, o) {
    const input = {
      ...(o.recipients !== undefined ? { recipients: o.recipients } : {}),
      ...(o.basis !== undefined ? { basis: o.basis } : {}),
    };
    const { updateProvinceDocumentSettings, getProvinceSettings } = await import('../app/documents.js');
    const settings =
      Object.keys(input).length === 0
        ? await getProvinceSettings(ctx.app.db, o.province)
        : await updateProvinceDocumentSettings(ctx.app.db, o.province, input, ctx.app.clock());
    ctx.out.write(`${msg.cliProvinceSettings(o.province, settings)}\n`);
    return 0;
  },
});
