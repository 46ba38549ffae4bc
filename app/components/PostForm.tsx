import { Form, useRouteLoaderData, type FormProps } from "@remix-run/react";
import { forwardRef } from "react";
import { FORM_TOKEN_FIELD } from "~/forms";

/**
 * Every form that changes something: a Remix form posted to the server, with the page's one-time
 * token, so a double click or a re-sent form does its work once. The token comes from the root
 * loader, which runs again after every post, so the next submission gets a new one.
 */
export const PostForm = forwardRef<HTMLFormElement, Omit<FormProps, "method">>(function PostForm({ children, ...props }, ref) {
  const formToken = useRouteLoaderData<{ formToken?: string }>("root")?.formToken;
  return (
    <Form ref={ref} method="post" {...props}>
      {formToken ? <input type="hidden" name={FORM_TOKEN_FIELD} value={formToken} /> : null}
      {children}
    </Form>
  );
});
