/**
 * The area picker shared by the area lenses: the city (济南市) and its districts, or any area.
 */
import { describeError, gql, isAbort } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { CityDocument } from '../generated/graphql.ts';
import { kindName, type MessageKey, t } from '../i18n.ts';
import { type AreaOption, entityRefs } from '../queries.ts';
import type { Lens, LensContext } from './lens.ts';

/**
 * The city the districts lie in (the place a district is PART_OF), asked of the graph rather than
 * written here, so a city-wide choice follows the data; null when the districts name none.
 */
export async function cityOf(districts: AreaOption[], signal?: AbortSignal): Promise<AreaOption | null> {
  const first = districts.find((d) => d.kind === 'District');
  if (!first) return null;
  const data = await gql(CityDocument, { id: first.id }, signal);
  const parent = data.place?.parent;
  return parent?.kind === 'City' ? parent : null;
}

/**
 * Draws a select of the city and its districts (plus the current area when it is not one of them)
 * and, with `allowAll`, an "all areas" choice. Resolves to the area to load: the state's, else
 * `fallback` ('city' for the city-wide lenses), else the first district.
 */
export async function renderAreaPicker(
  ctx: LensContext,
  options: { allowAll?: boolean; fallback?: 'city' | 'district' } = {},
): Promise<string | null> {
  const select = h('select', { id: 'area-select', 'data-testid': 'area-select' });
  const field = h('div', { class: 'field' }, h('label', { for: 'area-select' }, t('area.label')), select);
  replaceChildren(ctx.controls, field);
  let districts: AreaOption[] = [];
  let city: AreaOption | null = null;
  try {
    districts = await ctx.districts();
    city = await cityOf(districts, ctx.signal);
  } catch (error) {
    if (!isAbort(error)) field.append(h('p', { class: 'hint', role: 'alert' }, describeError(error)));
  }
  const wanted = ctx.state.area;
  const options_: HTMLOptionElement[] = [];
  if (options.allowAll) options_.push(h('option', { value: '' }, t('area.all')));
  if (city) districts = [city, ...districts];
  for (const d of districts) options_.push(h('option', { value: d.id, 'data-kind': d.kind }, d.name));
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
    const fallback = options.fallback === 'city' ? city : districts.find((d) => d.kind !== 'City');
    chosen = fallback?.id ?? districts[0]?.id ?? null;
  }
  select.replaceChildren(...options_);
  select.value = chosen ?? '';
  select.addEventListener('change', () => ctx.navigate({ area: select.value || null }));
  return chosen;
}

/**
 * The controls and first step of a lens that shows one area: the picker, then `chosen` — the area to
 * load, remembered in the state when it was the default — or null once the view is cleared and asks
 * for an area.
 */
function areaChoice(options: { fallback?: 'city' | 'district' }) {
  let picked: Promise<string | null> = Promise.resolve(null);
  return {
    renderControls(ctx: LensContext): void {
      picked = renderAreaPicker(ctx, options);
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

/** A lens that shows one area, as `areaLens` builds it: the lens without its controls and load. */
export interface AreaLensSpec extends Omit<Lens, 'hint' | 'renderControls' | 'load'> {
  /** One line on how to use the lens; by default its `lens.<id>.hint` message. */
  hint?(): string;
  /** The area when neither the URL nor the user chose one: the city, or (by default) a district. */
  readonly fallback?: 'city' | 'district';
  /** Drops what the last load showed; runs first, before the area is known. */
  reset?(ctx: LensContext): void;
  /** Fetches and shows the chosen area; throws ApiError on failure. */
  loadArea(ctx: LensContext, area: string): Promise<void>;
}

/**
 * The lenses that show one area (dashboard, ranking, hierarchy, coverage, audit) share their controls
 * (the area picker) and the first steps of a load (forget the last answer, wait for the area, or ask
 * for one): written here once, the lens supplies the rest.
 */
export function areaLens({ fallback, reset, loadArea, ...lens }: AreaLensSpec): Lens {
  const area = areaChoice({ fallback });
  return {
    hint: () => t(`lens.${lens.id}.hint` as MessageKey),
    ...lens,
    renderControls: area.renderControls,
    async load(ctx) {
      reset?.(ctx);
      const chosen = await area.chosen(ctx);
      if (chosen) await loadArea(ctx, chosen);
    },
  };
}
