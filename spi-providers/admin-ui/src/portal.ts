import { useEffect, useState } from "react";

/** Keeps a <tag> container appended to the element matching `selector` (re-attaches after re-mounts). */
export function usePortalTarget(selector: string, tag = "div", className = "") {
  const [host] = useState(() => Object.assign(document.createElement(tag), { className }));
  const [attached, setAttached] = useState(false);
  useEffect(() => {
    const attach = () => {
      const parent = document.querySelector(selector);
      if (parent && host.parentElement !== parent) parent.appendChild(host);
      setAttached(!!parent);
    };
    attach();
    const mo = new MutationObserver(attach);
    mo.observe(document.getElementById("app")!, { childList: true, subtree: true });
    return () => { mo.disconnect(); host.remove(); };
  }, [selector, host]);
  return attached ? host : null;
}
