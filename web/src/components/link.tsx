import type { ComponentChildren } from 'preact';
import { onLinkClick } from '../router';

/** An in-app link: a real `<a href>` (works without the router, opens in a new tab) that navigates in place. */
export function Link(props: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' | undefined }) {
  return <a href={props.href} class={props.class} aria-current={props['aria-current']} onClick={onLinkClick}>{props.children}</a>;
}
