import type { InputHTMLAttributes } from "react";
import { useLanguage } from "~/i18n/use-messages";

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  /** A message key from `messages.validation`, or a ready message. */
  error?: string;
}

/** Label, input, hint and error message, wired up for screen readers. */
export function Field({ name, label, hint, error, ...input }: Props) {
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
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
    </div>
  );
}
