import { defineRules, findReporter, formatDateCn, SameKeys, textKey, type EntryRules, type Finding, type RuleContext } from '@tianbao/form';
import { basinOf } from './rivers.ts';
import type { Outfall } from './schema.ts';
import { BOUNDS } from './values.ts';

/** The checklist's own rules (its cells' and every form's come from its layout). */
export const catalogue = defineRules({
  'outfall.code.duplicate': { severity: 'error', title: '排污口编码重复', fix: '核对编码，一口一码' },
  'outfall.code.shared': { severity: 'error', title: '两个单位的台账用了同一排污口编码（全市汇总时）', fix: '核对编码，一口一码' },
  'outfall.county.unknown': { severity: 'error', title: '所在县（市、区）不在单位名单中', fix: '填写名单中的规范名称' },
  'outfall.county.other': { severity: 'warning', title: '排污口在另一个县（市、区）', fix: '核实是否应由该县（市、区）填报' },
  'outfall.river.unlisted': { severity: 'warning', title: '受纳水体不在主要河流清单中', fix: '核实河流名称' },
  'outfall.basin.mismatch': { severity: 'error', title: '所属流域与主要河流清单不符', fix: '按河流清单改正所属流域' },
  'outfall.coords.outside': { severity: 'error', title: '经纬度在焦作市范围之外', fix: '核对经纬度，是否填反' },
  'outfall.protected.ban': { severity: 'error', title: '特殊保护区域内的排污口未取缔', fix: '整治方式改为“取缔”' },
  'outfall.storm.merge': { severity: 'error', title: '城镇雨洪排口清理合并', fix: '整治方式改为“规范整治”或“保留”' },
  'outfall.owner.missing': { severity: 'error', title: '已溯源的排污口没有责任主体', fix: '填写责任主体' },
  'outfall.untraced.owner': { severity: 'warning', title: '无法溯源的排污口，责任主体不是政府或管委会', fix: '核实责任主体' },
  'outfall.progress.missing': { severity: 'error', title: '需整治的排污口没有整治进度', fix: '填写整治进度（未启动、整治中或已完成）' },
  'outfall.deadline.missing': { severity: 'error', title: '需整治的排污口没有完成时限', fix: '填写完成时限，如 2024年6月30日' },
  'outfall.deadline.overdue': { severity: 'warning', title: '未完成整治且已过完成时限', fix: '核实进度，说明原因' },
  'outfall.industrial.permit': { severity: 'warning', title: '同一企业有多个工矿企业排污口，备注中没有排污许可说明', fix: '在备注中说明排污许可情况' },
});
const { error, warning } = catalogue;

const at = (key: keyof Outfall) => [key];

/**
 * The notice's rules (焦政办〔2023〕22号), outfall by outfall as a checklist
 * is read (a city's may hold tens of thousands), then across outfalls.
 */
export const rules: EntryRules<Outfall> = {
  entry: (o, ctx, head) => rowRules(o, ctx, findReporter(ctx.units, head.unit, false)?.name),
  across() {
    const codes = duplicateCodes();
    const enterprises = enterprisesWithSeveral();
    return {
      add(o, i) {
        codes.add(o, i);
        enterprises.add(o, i);
      },
      end: () => [...codes.end(), ...enterprises.end()],
    };
  },
};

function rowRules(o: Outfall, ctx: RuleContext, ownUnit: string | undefined): Finding[] {
  const out: Finding[] = [];
  const county = findReporter(ctx.units, o.county, false);
  if (!county)
    out.push(error('outfall.county.unknown', `所在县（市、区）「${o.county}」不在${ctx.units.city.name}的单位名单中，请填写规范名称：${ctx.units.units.map((u) => u.name).join('、')}`, at('county')));
  else if (ownUnit && county.name !== ownUnit)
    out.push(warning('outfall.county.other', `本台账是${ownUnit}的，但此排污口所在县（市、区）填为${county.name}，请核实是否应由${county.name}填报`, at('county')));

  const basin = basinOf(o.river);
  if (!basin)
    out.push(warning('outfall.river.unlisted', `受纳水体「${o.river}」不在主要河流清单中，请核实河流名称；清单外河流的排污口不计入主要河流整治进度`, at('river')));
  else if (basin !== o.basin)
    out.push(error('outfall.basin.mismatch', `${o.river}属于${basin}，所属流域却填为${o.basin}，请改为${basin}`, at('basin')));

  if (o.lng < BOUNDS.lng[0] || o.lng > BOUNDS.lng[1] || o.lat < BOUNDS.lat[0] || o.lat > BOUNDS.lat[1])
    out.push(
      error(
        'outfall.coords.outside',
        `经纬度（${o.lng}，${o.lat}）不在焦作市范围内（东经 ${BOUNDS.lng.join('–')}，北纬 ${BOUNDS.lat.join('–')}），请核实是否填反或漏了小数点`,
        at(o.lng < BOUNDS.lng[0] || o.lng > BOUNDS.lng[1] ? 'lng' : 'lat'),
      ),
    );

  if (o.protected !== '否' && o.method !== '取缔')
    out.push(error('outfall.protected.ban', `排污口位于${o.protected}内，依法应予取缔，整治方式却填为${o.method}，请改为“取缔”`, at('method')));
  if (o.type === '城镇雨洪排口' && o.method === '清理合并')
    out.push(error('outfall.storm.merge', '严禁合并、封堵城镇雨洪排口：城镇雨洪排口的整治方式不能是“清理合并”，请改为“规范整治”或“保留”', at('method')));

  if (!o.owner && o.trace !== '未溯源')
    out.push(error('outfall.owner.missing', `溯源状态为${o.trace}，但没有填写责任主体。只有未溯源的排污口可以暂不填写责任主体`, at('owner')));
  if (o.trace === '无法溯源' && o.owner && !/政府|管委会/.test(textKey(o.owner)))
    out.push(
      warning(
        'outfall.untraced.owner',
        `无法溯源的排污口由所在县（市、区）政府（示范区管委会）作为责任主体或由其指定，此处为「${o.owner}」，请核实是否经政府指定`,
        at('owner'),
      ),
    );

  if (o.method !== '保留') {
    if (!o.progress) out.push(error('outfall.progress.missing', `整治方式为${o.method}，请填写整治进度（未启动、整治中或已完成）`, at('progress')));
    if (!o.deadline) out.push(error('outfall.deadline.missing', `整治方式为${o.method}，请填写完成时限，如 2024年6月30日`, at('deadline')));
    else if (o.progress !== '已完成' && o.deadline < ctx.asOf)
      out.push(
        warning(
          'outfall.deadline.overdue',
          `完成时限${formatDateCn(o.deadline)}已过（核对日期${formatDateCn(ctx.asOf)}），整治进度仍为${o.progress ?? '空'}：请核实是否已完成，未完成的请说明原因并更新时限`,
          at('deadline'),
        ),
      );
  }
  return out;
}

/** 一口一码: a code met before, with the number of the outfall that has it. */
function duplicateCodes() {
  const keys = new SameKeys();
  // By the order added (arrays, not an object an outfall: a list may hold 100,000).
  const indexes: number[] = [];
  const codes: string[] = [];
  return {
    add(o: Outfall, i: number) {
      keys.add(textKey(o.code).toUpperCase());
      indexes.push(i);
      codes.push(o.code);
    },
    end: () =>
      keys
        .groups()
        .flatMap(([first, ...later]) => later.map((p) => ({ first: indexes[first!]!, index: indexes[p]!, code: codes[p]! })))
        .sort((a, b) => a.index - b.index)
        .map(({ first, index, code }) => error('outfall.code.duplicate', `排污口编码${code}与第${first + 1}个排污口重复，编码应一口一码，请核对`, [index, 'code'])),
  };
}

/**
 * An industrial enterprise outside a park keeps one outfall unless its
 * discharge permit says otherwise: a second one asks for the permit in 备注.
 */
function enterprisesWithSeveral() {
  const owners = new SameKeys();
  const outfalls: { index: number; owner: string; permit: boolean }[] = [];
  return {
    add(o: Outfall, i: number) {
      // An outfall that could not be traced belongs to the government by default, not to an enterprise.
      if (o.type !== '工矿企业排污口' || o.trace !== '已溯源') return;
      const who = o.credit ?? (o.owner ? textKey(o.owner) : undefined);
      if (!who) return;
      owners.add(who);
      outfalls.push({ index: i, owner: (o.owner ?? o.credit)!, permit: (o.remark ?? '').includes('许可') });
    },
    end() {
      const out: Finding[] = [];
      for (const group of owners.groups()) {
        // The warnings are the outfalls' after the enterprise's first, named as its first names it.
        if (group.some((p) => outfalls[p]!.permit)) continue;
        const [first, ...more] = group.map((p) => outfalls[p]!);
        for (const { index } of more)
          out.push(
            warning(
              'outfall.industrial.permit',
              `${first!.owner}有${group.length}个工矿企业排污口。园区外工业企业原则上只保留一个排污口，除非排污许可证另有规定：请在备注中注明排污许可证的规定`,
              [index, 'remark'],
            ),
          );
      }
      return out;
    },
  };
}
