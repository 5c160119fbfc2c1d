/*
 * The chat page. Plain JavaScript, no build step, no third-party code.
 *
 * - Signs in: a development token from POST /api/dev/token (DEBUG only), or the user's JWT from
 *   AUTH_TOKEN_URL (Better Auth's JWT plugin, fetched with the session cookie). The token lives in
 *   this script's memory only: never in storage, never in a URL.
 * - Sends each turn to POST /api/{user}/chat asking for the AI SDK UI message stream
 *   (Accept: text/event-stream); a JSON answer (application/json), or a 406 and then a JSON
 *   answer, is read as the whole turn at once.
 * - Shows every tool call as a chip, keeps the user's message whatever happens, offers a retry
 *   that reuses the turn's Idempotency-Key, and refreshes the task panel after every turn.
 * - While signed in, polls GET /api/{user}/notifications for reminders that fired: each shows as a
 *   notice with a "Seen" button (POST …/seen), and as a browser notification once the user has
 *   allowed them (asked only from the "Enable browser notifications" button, never on load).
 * - Puts all user and model text into the page as text (textContent), never as HTML.
 */
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("page-config").textContent);
  const $ = (id) => document.getElementById(id);
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  const MESSAGE_MAX = config.messageMax || 4000;

  const state = {
    token: null,
    userId: null,
    expiresAt: 0, // seconds since the epoch
    conversationId: null,
    busy: false,
    // Bumped on every sign-in and sign-out: an answer to a request made before is dropped, so a
    // user never sees (nor continues) what the previous user of this page had open.
    session: 0,
    sessionUser: null,
    // Bumped whenever another conversation is opened or a new chat started: only the answer to
    // the latest opening is shown, and nothing is sent while it loads.
    viewSeq: 0,
    opening: false,
    // The open conversation's messages as loaded, and the first page of them loaded so far.
    shown: { firstPage: 1 },
    quiet: false, // set while earlier messages are rendered: the list does not scroll to them
    jsonOnly: false, // the server answered a request for the stream with 406
    taskPages: { pending: null, completed: null }, // the next page's URL, per list
    // Bumped by every reload of the task panel (a turn ended, a filter changed) and of the
    // conversation list: an answer to an earlier one, arriving late, is dropped, never shown
    // over a newer one (a slow unfiltered list replaced the filtered one, or was added to it).
    tasksSeq: 0,
    conversationsSeq: 0,
    conversationsNext: null,
    notices: {
      after: null, // the last notification id seen by the poll: later polls ask for newer ones
      shown: new Set(), // delivery ids on the page, so that none shows twice
      timer: null,
      generation: 0, // bumped on sign-out or a change of user: a poll in flight is then ignored
    },
  };

  class SignInNeeded extends Error {}

  class Failure extends Error {
    constructor({ status = 0, code = "", message = "", retryAfter = 0, network = false }) {
      super(message || code || `HTTP ${status}`);
      Object.assign(this, { status, code, detail: message, retryAfter, network });
    }
  }

  // --- small helpers -------------------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name in node && !name.startsWith("aria") && !name.startsWith("data")) node[name] = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function claimsOf(token) {
    const part = token.split(".")[1] || "";
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const json = decodeURIComponent(
      Array.from(atob(base64), (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join("")
    );
    return JSON.parse(json);
  }

  function userPath(rest) {
    return `/api/${encodeURIComponent(state.userId)}/${rest}`;
  }

  function sameOrigin(url) {
    const parsed = new URL(url, window.location.href);
    return parsed.pathname + parsed.search;
  }

  function announce(text, session = state.session) {
    if (session !== state.session) return; // an answer for whoever used the page before
    const announcer = $("announcer");
    announcer.textContent = "";
    // A fresh text node after a tick, so that screen readers announce repeated replies too.
    setTimeout(() => {
      if (session === state.session) announcer.textContent = text;
    }, 50);
  }

  // --- signing in ----------------------------------------------------------------------------

  function useToken(token) {
    const claims = claimsOf(token);
    if (typeof claims.sub !== "string" || !claims.sub) throw new Error("The token names no user.");
    if (state.userId !== null && state.userId !== claims.sub) {
      resetConversationView();
      stopNotices();
    }
    state.token = token;
    state.userId = claims.sub;
    state.expiresAt = typeof claims.exp === "number" ? claims.exp : Infinity;
  }

  function tokenFresh() {
    return state.token !== null && Date.now() / 1000 < state.expiresAt - 5;
  }

  function forgetToken() {
    state.token = null;
    state.expiresAt = 0;
  }

  async function fetchRemoteToken() {
    try {
      const response = await fetch(config.authTokenUrl, {
        credentials: "include",
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (!response.ok) return false;
      const body = await response.json();
      if (!body || typeof body.token !== "string") return false;
      useToken(body.token);
      return true;
    } catch (error) {
      return false;
    }
  }

  async function signInDev(userName) {
    const response = await fetch("/api/dev/token", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ user_id: userName }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const fields = (body.error && body.error.fields) || {};
      const detail = (fields.user_id || [])[0] || (body.error && body.error.message);
      throw new Error(detail || `Sign-in failed (HTTP ${response.status}).`);
    }
    useToken(body.token);
  }

  function showSignIn(message) {
    stopNotices();
    $("app").hidden = true;
    $("who").hidden = true;
    $("signin").hidden = false;
    $("signin-status").textContent = message || "";
    if (config.devSignIn) {
      $("signin-form").hidden = false;
      $("signin-remote").hidden = !config.authTokenUrl;
      if (state.userId && !$("user-name").value) $("user-name").value = state.userId;
      $("user-name").focus();
    } else if (config.authTokenUrl) {
      $("signin-remote").hidden = false;
      $("signin-retry").focus();
    } else {
      $("signin-status").textContent =
        "Signing in is not set up: the server needs AUTH_TOKEN_URL (or DEBUG=true for development).";
    }
  }

  async function ensureToken() {
    if (tokenFresh()) return;
    if (config.authTokenUrl && (await fetchRemoteToken()) && tokenFresh()) return;
    forgetToken();
    showSignIn("Your sign-in has expired. Sign in again to continue; your messages are kept.");
    throw new SignInNeeded("sign-in needed");
  }

  function startApp() {
    if (state.sessionUser !== state.userId) {
      // Another user than the one whose answers may still be on their way.
      state.session += 1;
      state.sessionUser = state.userId;
    }
    $("signin").hidden = true;
    $("app").hidden = false;
    $("who").hidden = false;
    $("who-name").textContent = state.userId;
    loadConversations();
    refreshTasks();
    startNotices();
    $("message").focus();
  }

  // --- the API -------------------------------------------------------------------------------

  async function authedFetch(path, init = {}, retried = false) {
    await ensureToken();
    let response;
    try {
      response = await fetch(path, {
        ...init,
        headers: { ...(init.headers || {}), Authorization: `Bearer ${state.token}` },
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      throw new Failure({ network: true });
    }
    if (response.status === 401) {
      forgetToken();
      if (retried) {
        showSignIn("The server did not accept your sign-in. Sign in again.");
        throw new SignInNeeded("token refused");
      }
      await ensureToken(); // a fresh token from the auth server, or the sign-in screen
      return authedFetch(path, init, true);
    }
    return response;
  }

  async function failureFrom(response) {
    const body = await response.json().catch(() => ({}));
    const error = (body && body.error) || {};
    // A refused field's own reason says more than the summary ("The request is invalid.").
    const fields = Object.values(error.fields || {}).flat().filter((text) => typeof text === "string");
    return new Failure({
      status: response.status,
      code: error.code || "",
      message: fields[0] || error.message || "",
      retryAfter: parseInt(response.headers.get("Retry-After") || "0", 10) || 0,
    });
  }

  async function getJson(path) {
    const response = await authedFetch(path, { headers: { Accept: "application/json" } });
    if (!response.ok) throw await failureFrom(response);
    return response.json();
  }

  function retryable(failure) {
    return failure.network || failure.status === 0 || failure.status === 401
      || failure.status === 408 || failure.status === 409 || failure.status === 429
      || failure.status >= 500;
  }

  function failureText(failure) {
    if (failure.network) {
      return "Connection lost before the answer arrived. Your message is kept: retry when you are back online.";
    }
    switch (failure.status) {
      case 429:
        return `You are sending messages too fast. You can retry in ${failure.retryAfter || 1} s.`;
      case 502:
        return "The assistant is unavailable right now (the model failed). Your message is kept: retry.";
      case 504:
        return "The assistant took too long to answer. Your message is kept: retry.";
      case 503:
        return failure.code === "database_unavailable"
          ? "The service is temporarily unavailable (its database cannot be reached). Your message is kept: retry shortly."
          : /retry|try again/i.test(failure.detail || "")
            ? failure.detail
            : (failure.detail || "The service is temporarily unavailable.") + " Retry shortly.";
      case 409:
        return "This message is still being answered. Retry in a moment to see the answer.";
      default:
        if (failure.status === 0 && failure.detail) return failure.detail;
        return failure.detail || `Something went wrong (HTTP ${failure.status}).`;
    }
  }

  // Why a read failed (the task panel, a conversation, marking a reminder seen), to follow a
  // colon: no turn is involved, so nothing about a message kept or sent too fast.
  function readFailureText(failure) {
    if (failure.network) return "the server cannot be reached.";
    switch (failure.status) {
      case 429:
        return `too many requests. Try again in ${failure.retryAfter || 1} s.`;
      case 503:
        if (failure.code === "database_unavailable") {
          return "the service is temporarily unavailable (its database cannot be reached). Try again shortly.";
        }
        return /retry|try again/i.test(failure.detail || "")
          ? failure.detail
          : (failure.detail || "the service is temporarily unavailable.") + " Try again shortly.";
      default:
        return failure.detail || `something went wrong (HTTP ${failure.status}).`;
    }
  }

  // --- tool chips ----------------------------------------------------------------------------

  const CHIP_TITLE_MAX = 60; // characters of a task's title a chip shows
  const TOOL_VERBS = {
    add_task: "add",
    complete_task: "complete",
    delete_task: "delete",
    update_task: "update",
    list_tasks: "list",
  };

  function chipTarget(name, args, result) {
    args = args && typeof args === "object" ? args : {};
    result = result && typeof result === "object" ? result : {};
    if (name === "list_tasks") {
      const shown = typeof result.count === "number" ? ` (${result.count})` : "";
      return `${args.status || "all"} tasks${shown}`;
    }
    const number = result.task_id ?? args.task_id;
    const title = result.title ?? args.title;
    const parts = [];
    if (number !== undefined && number !== null) parts.push(`#${number}`);
    if (title) parts.push(`“${shortened(String(title), CHIP_TITLE_MAX)}”`);
    return parts.join(" ") || "";
  }

  // At most `max` characters (not UTF-16 units: an emoji is never cut in half), else the start
  // of it and "…".
  function shortened(text, max) {
    const characters = [...text];
    return characters.length <= max ? text : characters.slice(0, max - 1).join("").trimEnd() + "…";
  }

  function errorTextOf(result) {
    if (typeof result === "string") return result;
    if (result && typeof result === "object" && typeof result.error === "string") return result.error;
    return "";
  }

  function makeChip(id, name) {
    const call = { id, name, args: null, result: null, error: null };
    const item = el("li");
    const tool = el("span", { class: "tool", text: TOOL_VERBS[name] || name });
    const target = el("span", { class: "target" });
    const outcome = el("span", { class: "outcome", text: "running…" });
    const button = el("button", { type: "button", class: "chip", "aria-expanded": "false" },
      tool, " ", target, " · ", outcome);
    const details = el("pre", { class: "chip-details", hidden: true });
    const detailsId = `call-${newKey()}`;
    details.id = detailsId;
    button.setAttribute("aria-controls", detailsId);
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      details.hidden = !open;
    });
    item.append(button, details);

    function render() {
      target.textContent = chipTarget(name, call.args, call.result);
      const shownArgs = { ...(call.args || {}) };
      delete shownArgs.user_id;
      const shown = { tool: name, arguments: shownArgs };
      if (call.error !== null) shown.error = call.error;
      else if (call.result !== null) shown.result = call.result;
      details.textContent = JSON.stringify(shown, null, 2);
    }

    return {
      item,
      input(args) { call.args = args; render(); },
      output(result) {
        call.result = result;
        button.classList.add("ok");
        outcome.textContent = "ok";
        render();
      },
      fail(text) {
        call.error = text || "failed";
        button.classList.add("error");
        outcome.textContent = `error: ${call.error}`;
        render();
      },
    };
  }

  // --- messages ------------------------------------------------------------------------------

  function appendUserMessage(text) {
    $("empty-chat").hidden = true;
    const item = el("li", { class: "message user" },
      el("span", { class: "who-said", text: "You" }),
      el("p", { class: "text", dir: "auto", text }));
    $("messages").append(item);
    if (!state.quiet) item.scrollIntoView({ block: "end" });
    return item;
  }

  function appendAssistantMessage() {
    $("empty-chat").hidden = true;
    const text = el("p", { class: "text", dir: "auto" });
    const status = el("span", { class: "pending-dots", text: "Thinking" });
    const chips = el("ul", { class: "chips", "aria-label": "Tool calls" });
    const failure = el("div", { class: "failure", role: "alert", hidden: true });
    const item = el("li", { class: "message assistant", "aria-busy": "true" },
      el("span", { class: "who-said", text: "Assistant" }), status, text, chips, failure);
    $("messages").append(item);
    const calls = new Map();
    let retryTimer = null;

    const view = {
      item,
      get text() { return text.textContent; },
      start() {
        item.setAttribute("aria-busy", "true");
        status.hidden = false;
        failure.hidden = true;
        failure.replaceChildren();
        if (retryTimer) clearInterval(retryTimer);
      },
      setText(value) { text.textContent = value; if (!state.quiet) item.scrollIntoView({ block: "end" }); },
      appendText(delta) { text.textContent += delta; if (!state.quiet) item.scrollIntoView({ block: "end" }); },
      tool(id, name) {
        if (!calls.has(id)) {
          const chip = makeChip(id, name);
          calls.set(id, chip);
          chips.append(chip.item);
        }
        return calls.get(id);
      },
      done() {
        item.setAttribute("aria-busy", "false");
        status.hidden = true;
        if (!text.textContent && !calls.size) text.textContent = "(no answer)";
      },
      fail(failureObject, retry) {
        item.setAttribute("aria-busy", "false");
        status.hidden = true;
        const message = el("p", { text: failureText(failureObject) });
        const button = el("button", { type: "button", class: "retry", text: "Retry" });
        button.addEventListener("click", () => retry());
        // The same request again can only help when the failure was not the request's own.
        failure.replaceChildren(message, ...(retryable(failureObject) ? [button] : []));
        failure.hidden = false;
        let wait = failureObject.status === 429 ? failureObject.retryAfter || 1 : 0;
        if (wait > 0) {
          button.disabled = true;
          button.textContent = `Retry in ${wait} s`;
          retryTimer = setInterval(() => {
            wait -= 1;
            if (wait <= 0) {
              clearInterval(retryTimer);
              button.disabled = false;
              button.textContent = "Retry";
            } else {
              button.textContent = `Retry in ${wait} s`;
            }
          }, 1000);
        }
        item.scrollIntoView({ block: "end" });
        announce(message.textContent);
      },
    };
    return view;
  }

  function showToolCalls(view, toolCalls) {
    for (const call of toolCalls || []) {
      const chip = view.tool(call.id || newKey(), call.name);
      chip.input(call.arguments);
      if (call.is_error) chip.fail(errorTextOf(call.result));
      else chip.output(call.result);
    }
  }

  // --- one turn ------------------------------------------------------------------------------

  async function readStream(response, view, turn) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let finished = false;
    const handle = (event) => {
      switch (event.type) {
        case "start":
        case "message-metadata":
        case "finish": {
          const id = event.messageMetadata && event.messageMetadata.conversationId;
          if (id) turnConversation(turn, id);
          if (event.type === "finish") finished = true;
          break;
        }
        case "text-delta":
          view.appendText(event.delta || "");
          break;
        case "tool-input-start":
          view.tool(event.toolCallId, event.toolName);
          break;
        case "tool-input-available":
          view.tool(event.toolCallId, event.toolName).input(event.input);
          break;
        case "tool-output-available":
          view.tool(event.toolCallId, event.toolName || "tool").output(event.output);
          break;
        case "tool-output-error":
          view.tool(event.toolCallId, event.toolName || "tool").fail(event.errorText);
          break;
        case "error":
          throw new Failure({ message: event.errorText || "The turn failed." });
        case "abort":
          throw new Failure({ network: true });
        default:
          break; // steps, text-start/-end and anything newer: nothing to show
      }
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = frame
            .split("\n")
            .filter((line) => line.startsWith("data:"))
            .map((line) => line.slice(5).trimStart())
            .join("\n");
          if (!data || data === "[DONE]") continue;
          handle(JSON.parse(data));
        }
      }
    } catch (error) {
      if (error instanceof Failure) throw error;
      throw new Failure({ network: true });
    }
    if (!finished) throw new Failure({ network: true });
  }

  // Asks for the streamed turn; a server that only answers JSON says 406 before doing anything
  // (no turn starts, nothing is counted), and the same request is sent again asking for JSON.
  // Which one the server speaks is remembered for the page's lifetime.
  async function postTurn(turn) {
    const send = (accept) => authedFetch(userPath("chat"), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: accept,
        "Idempotency-Key": turn.key,
      },
      body: JSON.stringify({
        message: turn.message,
        conversation_id: turn.conversationId,
        ...(timezone ? { timezone } : {}),
      }),
    });
    if (!state.jsonOnly) {
      const response = await send("text/event-stream");
      if (response.status !== 406) return response;
      state.jsonOnly = true;
    }
    return send("application/json");
  }

  // Whether a turn's reply is the one on screen: another conversation opened (or a new chat
  // started) since it was sent leaves the turn running, on the server and here, out of sight.
  function onScreen(turn) {
    return turn.session === state.session && turn.viewSeq === state.viewSeq;
  }

  // The conversation a turn went to, once the server says which (a new chat has none before).
  function turnConversation(turn, id) {
    turn.openedId = id;
    if (onScreen(turn)) setConversation(id);
  }

  async function runTurn(turn, view) {
    turn.viewSeq = state.viewSeq;
    setBusy(true);
    view.start();
    try {
      const response = await postTurn(turn);
      if (!response.ok) throw await failureFrom(response);
      const type = response.headers.get("Content-Type") || "";
      if (type.startsWith("text/event-stream")) {
        await readStream(response, view, turn);
      } else {
        let body;
        try {
          body = await response.json();
        } catch (error) {
          throw new Failure({ network: true });
        }
        turnConversation(turn, body.conversation_id);
        view.setText(body.response || "");
        showToolCalls(view, body.tool_calls);
      }
      view.done();
      if (onScreen(turn)) announce(`Assistant: ${view.text}`, turn.session);
    } catch (error) {
      const failure = error instanceof Failure ? error
        : error instanceof SignInNeeded ? new Failure({ message: "Sign in again, then retry." })
        : new Failure({ network: true });
      if (onScreen(turn)) {
        view.fail(failure, () => {
          if (!state.busy && onScreen(turn)) runTurn(turn, view);
        });
      } else if (turn.session === state.session) {
        // Out of sight (another conversation is open): said here, and the message put back in
        // an empty box, so that it is never lost without a word.
        const box = $("message");
        const back = !box.value.trim();
        if (back) box.value = turn.message;
        const text = `Your message “${shortened(turn.message, CHIP_TITLE_MAX)}”, in the conversation you left, `
          + `got no answer: ${failureText(failure)}${back ? " It is back in the message box." : ""}`;
        $("composer-status").textContent = text;
        announce(text);
      }
    } finally {
      if (turn.session === state.session) {
        if (onScreen(turn)) {
          setBusy(false);
        } else if (turn.openedId && Number(turn.openedId) === Number(state.conversationId)
            && !state.busy && !state.opening) {
          // Its conversation was opened again while the reply was on its way: show it now.
          openConversation(turn.openedId, { focus: false });
        }
        refreshTasks();
        loadConversations();
      }
    }
  }

  function setBusy(busy) {
    state.busy = busy;
    $("send").disabled = busy || state.opening;
    $("composer").setAttribute("aria-busy", String(busy || state.opening));
  }

  function setOpening(opening) {
    state.opening = opening;
    setBusy(state.busy);
  }

  function send() {
    const box = $("message");
    const message = box.value.trim();
    if (!message || state.busy || state.opening) return;
    const length = [...message].length; // characters, as the server counts them (not UTF-16 units)
    if (length > MESSAGE_MAX) {
      // Said before sending, and the text kept (a length limit on the box cut it silently).
      $("composer-status").textContent =
        `Your message is ${length.toLocaleString()} characters; the limit is ${MESSAGE_MAX.toLocaleString()}. Shorten it, then send.`;
      return;
    }
    $("composer-status").textContent = "";
    box.value = "";
    appendUserMessage(message);
    const view = appendAssistantMessage();
    // The same key, body and conversation on every retry of this turn: never run twice.
    const turn = {
      message,
      conversationId: state.conversationId,
      key: newKey(),
      session: state.session,
    };
    runTurn(turn, view);
  }

  // --- conversations -------------------------------------------------------------------------

  function setConversation(id) {
    if (!id) return;
    state.conversationId = id;
    for (const button of document.querySelectorAll("#conversation-list button")) {
      button.setAttribute("aria-current", String(Number(button.dataset.id) === Number(id)));
    }
  }

  function resetConversationView() {
    state.conversationId = null;
    $("messages").replaceChildren();
    $("empty-chat").hidden = false;
    $("conversation-list").replaceChildren();
    for (const status of ["pending", "completed"]) {
      $(`${status}-tasks`).replaceChildren();
      $(`${status}-count`).textContent = "";
    }
  }

  // A conversation in the list: its title (or its first message), and when it was last active.
  function conversationButton(conversation) {
    const when = new Date(conversation.updated_at);
    const shown = isNaN(when) ? "" : when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    const name = conversation.title || "Untitled conversation";
    const button = el("button", {
      type: "button",
      title: name,
      "data-id": String(conversation.id),
      "aria-current": String(conversation.id === state.conversationId),
    },
    el("span", { class: "conversation-name", dir: "auto", text: name }),
    el("span", { class: "visually-hidden", text: ", " }),
    el("span", { class: "conversation-when", text: shown }));
    button.addEventListener("click", () => openConversation(conversation.id));
    return button;
  }

  async function loadConversations(more = false) {
    const session = state.session;
    const seq = more ? state.conversationsSeq : ++state.conversationsSeq;
    try {
      const page = await getJson(more && state.conversationsNext
        ? sameOrigin(state.conversationsNext)
        : `${userPath("conversations")}?page_size=30`);
      if (session !== state.session || seq !== state.conversationsSeq) return;
      const list = $("conversation-list");
      if (!more) list.replaceChildren();
      for (const conversation of page.results) list.append(el("li", {}, conversationButton(conversation)));
      state.conversationsNext = page.next;
      $("more-conversations").hidden = !page.next;
    } catch (error) {
      if (!(error instanceof SignInNeeded)) console.warn("conversations not loaded", error);
    }
  }

  const MESSAGES_PAGE = 100;

  function messagesPage(id, number) {
    return getJson(`${userPath(`conversations/${id}/messages`)}?page_size=${MESSAGES_PAGE}&page=${number}`);
  }

  function renderMessage(message) {
    if (message.role === "user") {
      appendUserMessage(message.content);
    } else {
      const view = appendAssistantMessage();
      view.setText(message.content);
      showToolCalls(view, message.tool_calls);
      view.done();
    }
  }

  function earlierButton() {
    const earlier = el("button", { type: "button", class: "link earlier", text: "Show earlier messages" });
    earlier.addEventListener("click", showEarlierMessages);
    return el("li", { class: "earlier-messages" }, earlier);
  }

  function renderMessages(messages) {
    const list = $("messages");
    list.replaceChildren();
    if (state.shown.firstPage > 1) list.append(earlierButton());
    for (const message of messages) renderMessage(message);
    $("empty-chat").hidden = messages.length > 0;
  }

  // Also while a reply is on its way: the turn goes on (the server finishes and stores it
  // whatever the page does) and its conversation shows it when opened again.
  async function openConversation(id, { focus = true } = {}) {
    const seq = ++state.viewSeq;
    const session = state.session;
    const current = () => seq === state.viewSeq && session === state.session;
    state.busy = false; // a reply on its way belongs to the conversation left
    setOpening(true);
    try {
      // The latest messages matter most when continuing a long conversation: the last page,
      // with the one before it when the last holds only a few.
      const first = await messagesPage(id, 1);
      const last = Math.max(1, Math.ceil(first.count / MESSAGES_PAGE));
      let firstPage = last;
      let messages = last === 1 ? first.results : (await messagesPage(id, last)).results;
      if (last > 1 && messages.length < MESSAGES_PAGE) {
        firstPage = last - 1;
        const before = firstPage === 1 ? first : await messagesPage(id, firstPage);
        messages = before.results.concat(messages);
      }
      if (!current()) return;
      state.shown = { firstPage, conversationId: id, loadingEarlier: false };
      renderMessages(messages);
      setConversation(id);
      if (focus) $("message").focus(); // not when shown again unasked: the focus stays put
    } catch (error) {
      if (current() && !(error instanceof SignInNeeded)) {
        // Nothing is left open: a message now starts a new chat, never goes to the one shown
        // before (whose messages are no longer on screen).
        state.conversationId = null;
        state.shown = { firstPage: 1 };
        for (const button of document.querySelectorAll("#conversation-list button")) {
          button.setAttribute("aria-current", "false");
        }
        const why = error.network ? "the server could not be reached." : readFailureText(error);
        const again = el("button", { type: "button", class: "retry", text: "Try again" });
        again.addEventListener("click", () => openConversation(id));
        $("messages").replaceChildren(
          el("li", { class: "failure", role: "alert" },
            el("p", { text: `That conversation could not be opened: ${why}` }), again),
        );
      }
    } finally {
      if (seq === state.viewSeq) setOpening(false);
    }
  }

  async function showEarlierMessages() {
    const { conversationId: id, firstPage } = state.shown;
    if (!id || firstPage <= 1 || state.shown.loadingEarlier || state.opening) return;
    const seq = state.viewSeq;
    const session = state.session;
    state.shown.loadingEarlier = true;
    try {
      const page = await messagesPage(id, firstPage - 1);
      if (seq !== state.viewSeq || session !== state.session) return;
      // Added above what is on screen (messages sent since it opened stay), where the reader is.
      const list = $("messages");
      const button = list.querySelector(".earlier-messages");
      const anchor = button ? button.nextElementSibling : list.firstElementChild;
      const top = anchor ? anchor.getBoundingClientRect().top : 0;
      const before = list.children.length;
      state.quiet = true;
      try {
        for (const message of page.results) renderMessage(message);
      } finally {
        state.quiet = false;
      }
      const added = Array.from(list.children).slice(before);
      for (const item of added) list.insertBefore(item, anchor);
      state.shown.firstPage = firstPage - 1;
      if (button) button.remove();
      if (state.shown.firstPage > 1) list.prepend(earlierButton());
      if (anchor) list.scrollTop += anchor.getBoundingClientRect().top - top;
      if (added.length) {
        added[0].setAttribute("tabindex", "-1");
        added[0].focus({ preventScroll: true });
      }
    } catch (error) {
      if (!(error instanceof SignInNeeded)) announce(`Earlier messages could not be loaded: ${readFailureText(error)}`);
    } finally {
      if (seq === state.viewSeq) state.shown.loadingEarlier = false;
    }
  }


  function newChat() {
    state.viewSeq += 1;
    state.busy = false; // a reply on its way belongs to the conversation left
    setOpening(false);
    state.shown = { firstPage: 1 };
    state.conversationId = null;
    $("messages").replaceChildren();
    $("empty-chat").hidden = false;
    setConversation(null);
    for (const button of document.querySelectorAll("#conversation-list button")) {
      button.setAttribute("aria-current", "false");
    }
    $("message").focus();
  }

  // --- the task panel ------------------------------------------------------------------------

  function formatDue(due) {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.exec(due);
    if (dateOnly) {
      const [year, month, day] = due.split("-").map(Number);
      const date = new Date(year, month - 1, day);
      const endOfDay = new Date(year, month - 1, day + 1);
      return { text: date.toLocaleDateString(undefined, { weekday: "short", month: "short", day: "numeric" }), endsAt: endOfDay };
    }
    const when = new Date(due);
    if (isNaN(when)) return { text: due, endsAt: null };
    return { text: when.toLocaleString(undefined, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }), endsAt: when };
  }

  function taskItem(task) {
    const meta = el("span", { class: "meta" });
    if (task.due) {
      const due = formatDue(task.due);
      const overdue = !task.completed && due.endsAt && due.endsAt < new Date();
      meta.append(el("span", { class: overdue ? "due overdue" : "due", text: `${overdue ? "overdue" : "due"} ${due.text}` }));
    }
    if (task.priority && task.priority !== "none") {
      meta.append(el("span", { class: `priority priority-${task.priority}`, text: `${task.priority} priority` }));
    }
    for (const tag of task.tags || []) meta.append(el("span", { class: "tag", text: `#${tag}` }));
    if (task.recurrence) meta.append(el("span", { class: "recurrence", text: "repeats" }));
    const item = el("li", { class: task.completed ? "task done" : "task" },
      el("span", { class: "number", text: `#${task.id}` }),
      el("span", { class: "title", dir: "auto", text: task.title }));
    if (task.description) item.append(el("div", { class: "meta", dir: "auto", text: task.description }));
    if (meta.childNodes.length) item.append(meta);
    return item;
  }

  function taskQuery(status) {
    const query = new URLSearchParams({ status, page_size: "50" });
    if (timezone) query.set("timezone", timezone);
    const priority = $("task-priority").value;
    if (priority) query.set("priority", priority);
    const search = $("task-search").value.trim();
    if (search) query.set("search", search);
    return query.toString();
  }

  async function loadTaskList(status, more, seq = state.tasksSeq) {
    const session = state.session;
    const list = $(`${status}-tasks`);
    const url = more && state.taskPages[status]
      ? sameOrigin(state.taskPages[status])
      : `${userPath("tasks")}?${taskQuery(status)}`;
    const page = await getJson(url);
    if (session !== state.session || seq !== state.tasksSeq) return;
    if (!more) list.replaceChildren();
    for (const task of page.results) list.append(taskItem(task));
    if (!list.childNodes.length) {
      list.append(el("li", { class: "empty", text: status === "pending" ? "Nothing to do." : "Nothing done yet." }));
    }
    state.taskPages[status] = page.next;
    $(`more-${status}`).hidden = !page.next;
    $(`${status}-count`).textContent = `(${page.count})`;
  }

  async function refreshTasks() {
    if (!state.userId) return;
    const seq = ++state.tasksSeq;
    const filter = $("task-filter").value;
    $("pending-section").hidden = filter === "completed";
    $("completed-section").hidden = filter === "pending";
    try {
      const lists = ["pending", "completed"].filter((status) => filter === "all" || filter === status);
      await Promise.all(lists.map((status) => loadTaskList(status, false, seq)));
      if (seq === state.tasksSeq) $("tasks-status").textContent = "";
    } catch (error) {
      if (seq === state.tasksSeq && !(error instanceof SignInNeeded)) {
        const why = error.network ? "the server cannot be reached. Refresh when it is back." : readFailureText(error);
        $("tasks-status").textContent = `Tasks could not be loaded: ${why}`;
      }
    }
  }

  // --- reminders that fired ------------------------------------------------------------------

  function formatInstant(iso) {
    const when = new Date(iso);
    if (isNaN(when)) return iso;
    return when.toLocaleString(undefined, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  }

  function browserNotificationsAllowed() {
    return "Notification" in window && Notification.permission === "granted";
  }

  function showEnableNotifications() {
    // Only while the browser would still ask: once allowed or refused, the button has no use.
    $("enable-notifications").hidden = !("Notification" in window) || Notification.permission !== "default";
  }

  function notify(notification) {
    if (!browserNotificationsAllowed()) return;
    try {
      // The delivery id as the tag: a repeat replaces the earlier one instead of adding another.
      new Notification(`Reminder: ${notification.task.title}`, {
        body: formatInstant(notification.reminder_at),
        tag: notification.delivery_id,
      });
    } catch (error) {
      console.warn("browser notification not shown", error);
    }
  }

  function showNotice(notification) {
    if (state.notices.shown.has(notification.delivery_id)) return;
    state.notices.shown.add(notification.delivery_id);
    const text = el("p", { class: "notice-text" },
      el("strong", { text: "Reminder: " }),
      el("span", { class: "notice-title", dir: "auto", text: notification.task.title }),
      ` (#${notification.task.id}) · `,
      el("time", { datetime: notification.reminder_at, text: formatInstant(notification.reminder_at) }));
    const button = el("button", { type: "button", class: "seen", text: "Seen" });
    const problem = el("p", { class: "notice-error", hidden: true });
    const notice = el("div", { class: "notice", role: "alert", "data-id": String(notification.id) },
      text, button, problem);
    button.setAttribute("aria-label", `Mark the reminder for “${notification.task.title}” as seen`);
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const response = await authedFetch(userPath(`notifications/${notification.id}/seen`), {
          method: "POST",
          headers: { Accept: "application/json" },
        });
        if (!response.ok && response.status !== 404) throw await failureFrom(response);
        notice.remove();
        $("notices").hidden = !$("notices").childElementCount;
      } catch (error) {
        if (error instanceof SignInNeeded) return;
        problem.textContent = `Not marked as seen: ${readFailureText(error)}`;
        problem.hidden = false;
        button.disabled = false;
      }
    });
    $("notices").append(notice);
    $("notices").hidden = false;
    notify(notification);
  }

  async function pollNotices() {
    const notices = state.notices;
    const generation = notices.generation;
    // Only what is still unseen (seen elsewhere, or before a reload, it stays away), and once a
    // poll has brought some, only what fired since.
    const query = new URLSearchParams({ unseen: "true", limit: "100" });
    if (notices.after !== null) query.set("after", String(notices.after));
    try {
      const page = await getJson(`${userPath("notifications")}?${query}`);
      if (generation !== notices.generation) return;
      for (const notification of page.notifications) showNotice(notification);
      if (page.last_id !== null && page.last_id !== undefined) notices.after = page.last_id;
    } catch (error) {
      if (error instanceof SignInNeeded) return; // no polling while signed out
      console.warn("notifications not loaded", error);
    }
    // How many polls have ended: lets a test wait for "the next poll" instead of for a time.
    $("notices").dataset.polls = String(Number($("notices").dataset.polls || 0) + 1);
    if (generation === notices.generation && state.token !== null) {
      notices.timer = setTimeout(pollNotices, config.notificationsPollMs);
    }
  }

  function startNotices() {
    stopNotices();
    showEnableNotifications();
    pollNotices();
  }

  function stopNotices() {
    const notices = state.notices;
    clearTimeout(notices.timer);
    notices.timer = null;
    notices.generation += 1;
    notices.after = null;
    notices.shown.clear();
    $("notices").replaceChildren();
    $("notices").hidden = true;
    $("enable-notifications").hidden = true;
  }

  // --- wiring --------------------------------------------------------------------------------

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  $("message").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing
        && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      send();
    }
  });
  $("new-chat").addEventListener("click", newChat);
  $("more-conversations").addEventListener("click", () => loadConversations(true));
  $("task-filter").addEventListener("change", refreshTasks);
  $("task-priority").addEventListener("change", refreshTasks);
  let searchTimer = null;
  $("task-search").addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(refreshTasks, 250);
  });
  $("refresh-tasks").addEventListener("click", refreshTasks);
  for (const status of ["pending", "completed"]) {
    $(`more-${status}`).addEventListener("click", () => {
      loadTaskList(status, true).catch(() => {});
    });
  }
  $("enable-notifications").addEventListener("click", async () => {
    try {
      await Notification.requestPermission();
    } finally {
      showEnableNotifications();
    }
  });
  $("sign-out").addEventListener("click", () => {
    stopNotices();
    forgetToken();
    state.session += 1;
    state.sessionUser = null;
    state.viewSeq += 1;
    state.userId = null;
    state.shown = { firstPage: 1 };
    setOpening(false);
    setBusy(false);
    resetConversationView();
    // Nothing of this user's is left for the next: the sign-in name, the task filters.
    $("user-name").value = "";
    $("task-search").value = "";
    $("task-filter").value = "all";
    $("task-priority").value = "";
    $("message").value = "";
    $("composer-status").textContent = "";
    $("announcer").textContent = "";
    showSignIn("Signed out.");
  });
  $("signin-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = $("user-name").value.trim();
    $("signin-status").textContent = "Signing in…";
    try {
      await signInDev(name);
      $("signin-status").textContent = "";
      startApp();
    } catch (error) {
      $("signin-status").textContent = error.message;
    }
  });
  $("signin-retry").addEventListener("click", async () => {
    $("signin-status").textContent = "Signing in…";
    if (await fetchRemoteToken()) {
      $("signin-status").textContent = "";
      startApp();
    } else {
      $("signin-status").textContent = "You are not signed in yet.";
    }
  });

  (async function boot() {
    if (config.authTokenUrl && (await fetchRemoteToken())) {
      startApp();
    } else {
      showSignIn("");
    }
  })();
})();
