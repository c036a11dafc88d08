/** The area picker shared by the hierarchy, coverage and chains lenses: the districts, or any area. */
import { describeError, isAbort } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { kindName, t } from '../i18n.ts';
import { entityRefs } from '../queries.ts';
import type { LensContext } from './lens.ts';

/**
 * Draws a select of the districts (plus the current area when it is not one of them) and, with
 * `allowAll`, an "all areas" choice. Resolves to the area to load: the state's, or the first district.
 */
export async function renderAreaPicker(ctx: LensContext, options: { allowAll?: boolean } = {}): Promise<string | null> {
  const select = h('select', { id: 'area-select', 'data-testid': 'area-select' });
  const field = h('div', { class: 'field' }, h('label', { for: 'area-select' }, t('area.label')), select);
  replaceChildren(ctx.controls, field);
  let districts: Awaited<ReturnType<LensContext['districts']>> = [];
  try {
    districts = await ctx.districts();
  } catch (error) {
    if (!isAbort(error)) field.append(h('p', { class: 'hint', role: 'alert' }, describeError(error)));
  }
  const wanted = ctx.state.area;
  const options_: HTMLOptionElement[] = [];
  if (options.allowAll) options_.push(h('option', { value: '' }, t('area.all')));
  for (const d of districts) options_.push(h('option', { value: d.id }, d.name));
  let chosen = wanted;
  const known = districts.find((d) => d.id === wanted || d.name === wanted);
  if (known) chosen = known.id;
  else if (wanted) {
    // An area from a link or the details panel: show its name once known.
    const extra = h('option', { value: wanted }, wanted);
    options_.push(extra);
    entityRefs([wanted], ctx.signal)
      .then(([ref]) => {
        if (ref) extra.textContent = `${ref.name}（${kindName(ref.kind)}）`;
      })
      .catch(() => {});
  } else if (!options.allowAll) {
    chosen = districts[0]?.id ?? null;
  }
  select.replaceChildren(...options_);
  select.value = chosen ?? '';
  select.addEventListener('change', () => ctx.navigate({ area: select.value || null }));
  return chosen;
}
