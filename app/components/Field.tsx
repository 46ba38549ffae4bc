import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useLanguage } from "~/i18n/use-messages";

interface Described {
  name: string;
  label: string;
  hint?: string;
  /** A message key from `messages.validation`, or a ready message. */
  error?: string;
}

/** Label, hint and error message around one control, wired up for screen readers. */
function FieldShell({ name, label, hint, error, children }: Described & { children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const { explain } = useLanguage();
  const id = `veld-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-fout`}>
          {explain(error)}
        </p>
      ) : null}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
    </div>
  );
}

export function Field({ name, label, hint, error, ...input }: Described & InputHTMLAttributes<HTMLInputElement>) {
  return <FieldShell {...{ name, label, hint, error }}>{(aria) => <input name={name} {...aria} {...input} />}</FieldShell>;
}

export function TextAreaField({ name, label, hint, error, ...textarea }: Described & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <FieldShell {...{ name, label, hint, error }}>{(aria) => <textarea name={name} rows={3} {...aria} {...textarea} />}</FieldShell>;
}

export function SelectField({ name, label, hint, error, options, ...select }: Described & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <FieldShell {...{ name, label, hint, error }}>
      {(aria) => (
        <select name={name} {...aria} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** Radio buttons in a fieldset, with the question as its legend. */
export function ChoiceField({ name, label, error, options, defaultValue }: Described & { options: { value: string; label: string }[]; defaultValue?: string }) {
  const { explain } = useLanguage();
  return (
    <fieldset className={error ? "field field-error" : "field"} aria-describedby={error ? `veld-${name}-fout` : undefined}>
      <legend>{label}</legend>
      {error ? (
        <p className="error" id={`veld-${name}-fout`}>
          {explain(error)}
        </p>
      ) : null}
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input type="radio" name={name} value={option.value} defaultChecked={defaultValue === option.value} /> {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A checkbox that sends "ja" when ticked. */
export function CheckboxField({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  return (
    <div className="field">
      <label className="choice">
        <input type="checkbox" name={name} value="ja" defaultChecked={defaultChecked} /> {label}
      </label>
    </div>
  );
}
