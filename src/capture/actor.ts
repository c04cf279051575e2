// Who is acting in a pane of a shared session (tmux ≥ 3.3 server-access, or a
// shared socket). Every pane process, reader and hook runs as the server's
// owner, so `whoami` always names the owner; what tmux knows is which client
// typed last in a window (w->latest, server-client.c:1783) and whose each
// client is (client_user/client_uid, from the socket's peer credentials,
// format.c:1407/1421). The client-active hook (audit.tmux) writes the name of
// the window's latest client into a window option; the reader asks tmux for it
// together with the list of clients, and this decides from the answer. Pure:
// snapshots in, the acting user and events out.
//
// tmux also makes a client the window's latest without the hook (attach and
// switch-client, server-client.c:379; select-window and next-window,
// cmd-select-window.c:146), and then that client's keys fire nothing. Those
// are marked pending (`?<client> <client named by the hook> <its activity>`,
// audit.tmux): the client acts once its last key press (client_activity, whole
// seconds) is later than when it arrived; arriving is not typing.
//
// Arriving, resizing and being handed the window are not typing either, and
// tmux makes the client latest for each of them too, firing client-active:
// a resize (MSG_RESIZE, server-client.c:2715), and the window handed to the
// most recently active remaining client when the latest one detaches or leaves
// (server-client.c:353). None of them touches the client's activity time, which
// only a key (mouse and focus events included) sets (server-client.c:1829). So
// a client becomes the actor only if its last key press is no earlier than the
// current actor's last one: output keeps the user who started it until someone
// else presses a key. Seconds are whole: a key in the same second as the
// actor's last one, or a pending client's key in the second it arrived while
// the pane printed then, cannot be told from no key; those switches are
// written with uncertain=yes rather than silently dropped.
//
// Trust: the typist option only names a client; who that client is comes from
// list-clients, which a guest cannot change. A read-only client (server-access
// -r) never becomes the actor: tmux makes it the latest client on every key it
// presses (server-client.c:1999, after refusing the key), so its name reaches
// the option like anyone's. A guest with write access can run any tmux command,
// run-shell included (as the owner), so it can name another attached client
// here, or do anything the owner can: see README, "Shared sessions".

/** A client attached to the server, as list-clients tells it. */
export interface AttachedClient {
  /** `#{client_name}`: the client's tty (`/dev/pts/4`), as `#{hook_client}` names it. */
  name: string;
  user: string;
  uid: string;
  /** `read-only` is in `#{client_flags}` (server-access -r, or attach -r). */
  readOnly: boolean;
  /** `#{client_activity}`, `#{client_created}`: epoch seconds of its last key press, and of its attach. */
  activity: number;
  created: number;
}

/**
 * What tmux says at one moment: the window's typist option as the hooks left it
 * ('' if none since the plugin loaded; see typistOf), and every client.
 */
export interface TypingSnapshot {
  typist: string;
  clients: readonly AttachedClient[];
}

export interface Owner {
  user: string;
  uid: string;
}

export type ActorEvent = (name: 'actor' | 'clients', fields: Readonly<Record<string, string | number | undefined>>) => void;

/** `user@tty` for each client, in the order tmux lists them. */
function listed(clients: readonly AttachedClient[]): string | undefined {
  return clients.length === 0 ? undefined : clients.map((client) => `${client.user}@${client.name}`).join(' ');
}

/** A client the typist option names as having typed, and whether its key press is only possible (same second). */
export interface Typist {
  client: AttachedClient;
  uncertain: boolean;
}

/**
 * The client the typist option says typed last in the window, among `clients`;
 * undefined when it names none, or a pending one that has not typed since it
 * arrived. `printedAt` (epoch seconds) is when the pane printed what led to the
 * question: a pending client whose last key is in the second it arrived, when
 * the pane printed in that second too, may have typed (uncertain). The option is
 * settable by anyone with write access: it is only ever compared with names
 * list-clients gives.
 */
export function typistOf(option: string, clients: readonly AttachedClient[], printedAt?: number): Typist | undefined {
  if (!option.startsWith('?')) {
    const client = clients.find((each) => each.name === option);
    return client && { client, uncertain: false };
  }
  const [name, namedByHook, activity] = option.slice(1).split(' ');
  const client = clients.find((each) => each.name === name);
  if (!client) return undefined;
  // The hook's `client_*` is the best client, not necessarily the one that arrived (notify.c: queued with none).
  const arrived = namedByHook === name && /^\d+$/.test(activity ?? '') ? Number(activity) : client.created;
  if (client.activity > arrived) return { client, uncertain: false };
  if (client.activity === arrived && printedAt === arrived) return { client, uncertain: true };
  return undefined;
}

export class ActorTracker {
  private actorUser: string;
  /** The last clients event's list, and whether anyone but the owner was in it. */
  private clientsKey = '';
  private shared = false;
  /** The actor's client, and its last key press (epoch seconds; -Infinity for the owner nobody has seen type). */
  private actorClient: string | undefined;
  private actorActivity = Number.NEGATIVE_INFINITY;

  /**
   * `emit` gets the events; `acting` the user to stamp from now on (called only on a change).
   * The owner acts until a client of someone else is known to have typed.
   */
  constructor(
    private readonly owner: Owner,
    private readonly emit: ActorEvent,
    private readonly acting: (user: string) => void,
  ) {
    this.actorUser = owner.user;
  }

  get user(): string {
    return this.actorUser;
  }

  /**
   * A snapshot from tmux. The clients event comes first (a newcomer is listed
   * before it acts); it is said only once someone other than the owner is or
   * was attached, so a log where the owner alone is attached does not change.
   * `printedAt`: epoch seconds of the output that led to the question (none for a poll).
   */
  update(snapshot: TypingSnapshot, printedAt?: number): void {
    const clients = [...snapshot.clients];
    const key = clients.map((client) => `${client.user}\0${client.uid}\0${client.name}\0${client.readOnly}`).join('\n');
    const shared = clients.some((client) => client.uid !== this.owner.uid || client.user !== this.owner.user);
    if (key !== this.clientsKey && (shared || this.shared)) {
      const writers = clients.filter((client) => !client.readOnly);
      const watchers = clients.filter((client) => client.readOnly);
      this.emit('clients', { count: clients.length, writers: listed(writers), watchers: listed(watchers) });
    }
    this.clientsKey = key;
    this.shared = shared;

    // The actor's own later keys raise the bar another client's key must reach.
    const actorClient = clients.find((client) => client.name === this.actorClient);
    if (actorClient && actorClient.user === this.actorUser) this.actorActivity = Math.max(this.actorActivity, actorClient.activity);

    // A typist that is gone or only watching changes nothing: output keeps the user who last typed.
    const typist = typistOf(snapshot.typist, clients, printedAt);
    if (!typist || typist.client.readOnly) return;
    const { client } = typist;
    if (client.user === this.actorUser) {
      this.actorClient = client.name;
      this.actorActivity = Math.max(this.actorActivity, client.activity);
      return;
    }
    // Made latest without a key since the actor's last one (a resize, the window handed over on a detach).
    if (client.activity < this.actorActivity) return;
    const uncertain = typist.uncertain || client.activity === this.actorActivity;
    this.actorUser = client.user;
    this.actorClient = client.name;
    this.actorActivity = client.activity;
    // The event is the first record stamped with the new user.
    this.acting(client.user);
    this.emit('actor', { user: client.user, uid: client.uid, client: client.name, uncertain: uncertain ? 'yes' : undefined });
  }
}
