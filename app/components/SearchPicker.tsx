import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useLanguage } from "~/i18n/use-messages";

/** What a picker shows when the page opens: what was typed, what it found, and what is chosen. */
export interface PickerState<T> {
  query: string;
  results: T[];
  chosen: T | null;
  /** The query named one thing exactly (a sticker number): that is the choice. */
  exact: boolean;
}

interface PickerProps<T> {
  legend: string;
  /** The search box: its name in the URL (`?persoon=jan`), label and hint. */
  queryName: string;
  queryLabel: string;
  queryHint?: string;
  submitLabel: string;
  /** The radio buttons: the form field that carries the choice. */
  valueName: string;
  initial: PickerState<T>;
  /** A resource route answering `?zoek=...` with `{ results, exact }`, to search while typing. */
  searchPath: string;
  describe: (row: T) => { value: string; label: string };
  /** The sentence read out after a search: how many were found. */
  found: (count: number) => string;
  /** A first radio button for choosing nobody from the list (e.g. someone new). */
  noneLabel?: string;
  error?: string;
  onChoose?: (row: T | null) => void;
}

const SEARCH_DELAY_MS = 250;

/**
 * Choose a person or a tool by typing part of a name or a number, instead of a list of everyone.
 * Without JavaScript the search button sends the whole form to the page itself as a GET (so what
 * was typed in the other fields comes back, in the URL) and the matches come back as radio buttons
 * in the same form. With JavaScript the matches follow the typing, and a live region says how many
 * there are; the radio buttons stay the same, so keyboard and screen reader use is the same too.
 */
export function SearchPicker<T>(props: PickerProps<T>) {
  const { explain } = useLanguage();
  const fetcher = useFetcher();
  // The rows are plain JSON (strings, numbers, booleans): they arrive as they were sent.
  const answer = fetcher.data as { results: T[]; exact: boolean } | undefined;
  const [query, setQuery] = useState(props.initial.query);
  const [results, setResults] = useState(props.initial.results);
  const [chosen, setChosen] = useState(props.initial.chosen);
  const [searched, setSearched] = useState(props.initial.query !== "");
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const { describe, onChoose } = props;

  const choose = (row: T | null) => {
    setChosen(row);
    onChoose?.(row);
  };

  const search = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim() === "") {
      setResults([]);
      setSearched(false);
      return;
    }
    fetcher.load(`${props.searchPath}?${new URLSearchParams({ zoek: text })}`);
  };

  useEffect(() => {
    if (fetcher.state !== "idle" || !answer) return;
    setResults(answer.results);
    setSearched(true);
    if (answer.exact) choose(answer.results[0] ?? null);
    // Only a new answer counts (`choose` is new on every render).
  }, [answer, fetcher.state]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onType = (text: string) => {
    setQuery(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(text), SEARCH_DELAY_MS);
  };
  // With JavaScript, Enter and the button search right here instead of reloading the page.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    search(query);
  };
  const onSearch = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    search(query);
  };

  const chosenValue = chosen ? describe(chosen).value : "";
  // The chosen one stays in view when a new search does not find it.
  const rows = chosen && !results.some((row) => describe(row).value === chosenValue) ? [chosen, ...results] : results;
  const id = `veld-${props.queryName}`;
  const errorId = `veld-${props.valueName}-fout`;
  return (
    <fieldset className={props.error ? "field field-error picker" : "field picker"} aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      {props.error ? (
        <p className="error" id={errorId}>
          {explain(props.error)}
        </p>
      ) : null}
      <label htmlFor={id}>{props.queryLabel}</label>
      {props.queryHint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.queryHint}
        </p>
      ) : null}
      <input
        type="search"
        id={id}
        name={props.queryName}
        value={query}
        onChange={(event) => onType(event.target.value)}
        onKeyDown={onEnter}
        autoComplete="off"
        aria-describedby={props.queryHint ? `${id}-hint` : undefined}
        aria-controls={`${id}-keuzes`}
      />
      <button type="submit" formMethod="get" className="secondary" onClick={onSearch}>
        {props.submitLabel}
      </button>
      <p role="status" className="picker-status">
        {searched ? props.found(results.length) : ""}
      </p>
      <div id={`${id}-keuzes`} className="picker-choices">
        {rows.length > 0 && props.noneLabel ? (
          <label className="choice">
            <input type="radio" name={props.valueName} value="" checked={chosen === null} onChange={() => choose(null)} /> {props.noneLabel}
          </label>
        ) : null}
        {rows.map((row) => {
          const { value, label } = describe(row);
          return (
            <label key={value} className="choice">
              <input type="radio" name={props.valueName} value={value} checked={value === chosenValue} onChange={() => choose(row)} /> {label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
