/*
 * As-you-type suggestions for a search box: the ARIA 1.2 combobox pattern with a listbox popup.
 *
 * Markup (templates/stations/_search_form.html with suggest=True):
 *   <div data-suggest>
 *     <input role="combobox" aria-expanded aria-controls="q-listbox" hx-get=… hx-target="#q-suggest">
 *     <div id="q-suggest"><ul id="q-listbox" role="listbox"><li role="option" data-href>…</ul>
 *       <p hidden data-suggest-status>what to announce</p></div>
 *     <div role="status" data-suggest-live></div>
 *   </div>
 * htmx fetches the options (debounced on input); this file only adds the keyboard, pointer
 * and screen-reader behaviour: ArrowDown/ArrowUp move through the options, Enter opens the
 * chosen one (or, with none chosen, submits the search as usual), Escape closes the list, a tap
 * or click opens an option. Without JavaScript the box is a plain search field.
 */
(function () {
  "use strict";

  if (window.raynamaSuggest) {
    return; // already listening (the script can arrive again with a boosted page)
  }
  window.raynamaSuggest = true;

  function partsOf(node) {
    var box = node && node.closest ? node.closest("[data-suggest]") : null;
    if (!box) {
      return null;
    }
    return {
      box: box,
      input: box.querySelector("[role=combobox]"),
      list: box.querySelector("[role=listbox]"),
      live: box.querySelector("[data-suggest-live]"),
    };
  }

  function optionsOf(parts) {
    return parts.list ? Array.prototype.slice.call(parts.list.querySelectorAll("[role=option]")) : [];
  }

  function activeIndex(parts) {
    var options = optionsOf(parts);
    for (var i = 0; i < options.length; i += 1) {
      if (options[i].getAttribute("aria-selected") === "true") {
        return i;
      }
    }
    return -1;
  }

  function setActive(parts, index) {
    var options = optionsOf(parts);
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0 && options[index]) {
      parts.input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      parts.input.removeAttribute("aria-activedescendant");
    }
  }

  function setOpen(parts, open) {
    var show = open && optionsOf(parts).length > 0;
    if (parts.list) {
      parts.list.hidden = !show;
    }
    parts.input.setAttribute("aria-expanded", show ? "true" : "false");
    if (!show) {
      setActive(parts, -1);
    }
  }

  function announce(parts, message) {
    if (!parts.live) {
      return;
    }
    parts.live.textContent = "";
    // A moment later, so screen readers notice the change even when the text is the same.
    window.setTimeout(function () {
      parts.live.textContent = message || "";
    }, 50);
  }

  function follow(option) {
    var href = option && option.getAttribute("data-href");
    if (href) {
      window.location.assign(href);
    }
  }

  function moved(parts, step) {
    var count = optionsOf(parts).length;
    if (!count) {
      return;
    }
    if (parts.input.getAttribute("aria-expanded") !== "true") {
      setOpen(parts, true);
    }
    var next = activeIndex(parts) + step;
    if (next >= count) {
      next = 0;
    } else if (next < 0) {
      next = count - 1;
    }
    setActive(parts, next);
  }

  document.addEventListener("keydown", function (event) {
    var parts = partsOf(event.target);
    if (!parts || event.target !== parts.input) {
      return;
    }
    var open = parts.input.getAttribute("aria-expanded") === "true";
    if (event.key === "ArrowDown" || event.key === "Down") {
      event.preventDefault();
      moved(parts, 1);
    } else if (event.key === "ArrowUp" || event.key === "Up") {
      event.preventDefault();
      moved(parts, -1);
    } else if (event.key === "Enter") {
      var index = open ? activeIndex(parts) : -1;
      if (index >= 0) {
        event.preventDefault();
        follow(optionsOf(parts)[index]);
      } else {
        setOpen(parts, false); // a normal search: the form submits
      }
    } else if (event.key === "Escape" || event.key === "Esc") {
      if (open) {
        event.preventDefault(); // keep what was typed; a second Escape clears the box
        setOpen(parts, false);
      }
    } else if (event.key === "Tab") {
      setOpen(parts, false);
    }
  });

  // Keep the focus in the box while an option is pressed, then open the option.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest("[data-suggest] [role=option]")) {
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest("[data-suggest] [role=option]");
    if (option) {
      event.preventDefault();
      follow(option);
    }
  });

  document.addEventListener("focusout", function (event) {
    var parts = partsOf(event.target);
    if (parts && event.target === parts.input) {
      setOpen(parts, false);
    }
  });

  document.addEventListener("focusin", function (event) {
    var parts = partsOf(event.target);
    if (parts && event.target === parts.input && parts.input.value) {
      setOpen(parts, true);
    }
  });

  // New options arrived (htmx swapped them in): open the list and say how many there are.
  document.addEventListener("htmx:after:swap", function (event) {
    var parts = partsOf(event.target);
    if (!parts || !parts.input) {
      return;
    }
    parts.list = parts.box.querySelector("[role=listbox]");
    var status = parts.box.querySelector("[data-suggest-status]");
    var focused = document.activeElement === parts.input;
    setOpen(parts, focused && parts.input.value.trim() !== "");
    if (focused) {
      announce(parts, status ? status.textContent.trim() : "");
    }
  });
})();
