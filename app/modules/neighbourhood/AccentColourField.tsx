import { useEffect, useState } from "react";
import { useLanguage } from "~/i18n/use-messages";

const defaultAccent = "#0b5c2f";

/**
 * The accent colour as text ("#0b5c2f"; that is what the form sends, so it works without
 * JavaScript), with a colour picker next to it once JavaScript runs, kept in step with the text.
 */
export function AccentColourField({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const { t, explain } = useLanguage();
  const [text, setText] = useState(defaultValue);
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const id = "veld-accent_colour";
  return (
    <div className={error ? "field field-error colour-field" : "field colour-field"}>
      <label htmlFor={id}>{t.profileForm.accentColour}</label>
      <p className="hint" id={`${id}-hint`}>
        {t.profileForm.accentColourHint}
      </p>
      {error ? (
        <p className="error" id={`${id}-fout`}>
          {explain(error)}
        </p>
      ) : null}
      <div className="colour-controls">
        {enhanced ? (
          <input
            type="color"
            aria-label={t.profileForm.accentColourPicker}
            value={/^#[0-9a-f]{6}$/i.test(text) ? text.toLowerCase() : defaultAccent}
            onChange={(event) => setText(event.target.value)}
          />
        ) : null}
        <input
          id={id}
          type="text"
          name="accent_colour"
          value={text}
          onChange={(event) => setText(event.target.value)}
          maxLength={7}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-hint ${id}-fout` : `${id}-hint`}
        />
      </div>
    </div>
  );
}
