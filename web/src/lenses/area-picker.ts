/** The area picker shared by the hierarchy, coverage, audit and chains lenses: the districts, or any area. */
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

/**
 * The controls and first step of a lens that shows one area (hierarchy, coverage, audit): the picker,
 * then `chosen` — the area to load, remembered in the state when it was the default — or null once the
 * view is cleared and asks for an area.
 */
export function areaChoice() {
  let picked: Promise<string | null> = Promise.resolve(null);
  return {
    renderControls(ctx: LensContext): void {
      picked = renderAreaPicker(ctx);
    },
    async chosen(ctx: LensContext): Promise<string | null> {
      const area = await picked;
      if (!area) {
        ctx.view.clear();
        ctx.status.empty(t('empty.noArea'));
        return null;
      }
      if (!ctx.state.area) ctx.remember({ area });
      return area;
    },
  };
}
