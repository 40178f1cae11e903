/* ui.c - the console's core without the terminal: the screen stack, key
 * resolution and dispatch, messages, opening records. */
#include "ui/private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/identity.h"
#include "domain/party.h"
#include "ui/screens/denied.h"
#include "util/xalloc.h"

/* ---- screens ---------------------------------------------------------- */

/* Frees the strings of a screen's own copy of its arg. */
static void screen_arg_fini(struct screen_arg *a)
{
	free((char *)a->number);
	free((char *)a->text);
	free((char *)a->keymap);
}

struct screen *screen_new(const struct screen_ops *ops, struct ui *ui, const struct screen_arg *arg,
			  struct csm_error *err)
{
	static const struct screen_arg none = {.kind = SK_COUNT};
	struct screen *s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->ui = ui;
	s->state = xcalloc(1, ops->state_size ? ops->state_size : 1);
	s->redraw = true;
	s->arg = arg ? *arg : none;
	s->arg.number = xstrdup(s->arg.number);
	s->arg.text = xstrdup(s->arg.text);
	s->arg.keymap = xstrdup(s->arg.keymap);
	if (ops->open && ops->open(s, &s->arg, err) < 0) {
		screen_arg_fini(&s->arg);
		free(s->state);
		free(s);
		return NULL;
	}
	return s;
}

void screen_free(struct screen **sp)
{
	struct screen *s = sp ? *sp : NULL;

	if (!s)
		return;
	if (s->ops->close)
		s->ops->close(s);
	screen_arg_fini(&s->arg);
	free(s->state);
	free(s);
	*sp = NULL;
}

const char *screen_keymap(const struct screen *s, bool *text_input)
{
	bool text = false;
	const char *km = s->ops->keymap ? s->ops->keymap(s, &text) : s->ops->name;

	if (text_input)
		*text_input = text;
	return km;
}

bool screen_permits(const struct screen *s, enum action a, char *why, size_t size)
{
	if (why && size)
		why[0] = '\0';
	return !s->ops->permits || s->ops->permits(s, a, why, size);
}

/* ---- the console ------------------------------------------------------ */

/* The header's who: "login (Name)" (the name when it says more than the
 * login), "REAL acting as login (Name)" with --as; and the roles: "as
 * admin, agent", "demo" on the demo database, "not a user" without an
 * active user. */
static void set_who(struct ui *ui)
{
	struct identity id = {0};
	struct csm_error err = {0};
	char roles[96], name[96] = "";

	if (identity_get(ui->store, &id, &err) < 0) {
		snprintf(ui->who, sizeof ui->who, "%s", store_actor(ui->store));
		snprintf(ui->roles, sizeof ui->roles, "?");
		return;
	}
	if (id.is_user && id.user.name && *id.user.name && strcmp(id.user.name, id.login) != 0)
		snprintf(name, sizeof name, " (%s)", id.user.name);
	snprintf(ui->who, sizeof ui->who, "%s%s%s%s", id.acting_as ? id.real_login : "",
		 id.acting_as ? " acting as " : "", id.login, name);
	identity_roles_text(id.roles, ", ", roles, sizeof roles);
	snprintf(ui->roles, sizeof ui->roles, "%s%s%s", !id.is_user ? "not a user"
			     : *roles ? "as " : "no role", roles, id.demo ? "  demo" : "");
	identity_fini(&id);
}

struct ui *ui_new(struct store *s, const struct csm_config *cfg, const char *db_path,
		  struct csm_error *err)
{
	struct ui *ui = xcalloc(1, sizeof *ui);

	ui->store = s;
	ui->cfg = cfg;
	ui->db_path = db_path;
	ui->keymap = keymap_new();
	ui->rows = 22;
	ui->cols = 80;
	textline_init(&ui->cmd.line);
	set_who(ui);
	if (keymap_apply_config(ui->keymap, cfg, err) < 0) {
		ui_free(&ui);
		return NULL;
	}
	if (ui_push(ui, &lookup_screen, NULL) < 0) {
		csm_error_set(err, CSM_EX_SOFTWARE, "opening the lookup: %s", ui->msg);
		ui_free(&ui);
		return NULL;
	}
	return ui;
}

bool ui_deny_non_user(struct ui *ui)
{
	struct identity id = {0};
	struct csm_error err = {0};
	bool is_user = identity_get(ui->store, &id, &err) == 0 && id.is_user;

	identity_fini(&id);
	if (is_user)
		return false;
	/* Not even the lookup: the home screen itself goes. */
	while (ui->depth > 0)
		screen_free(&ui->stack[--ui->depth]);
	if (ui_push(ui, &denied_screen, NULL) < 0)
		ui->quit = true; /* nothing to show, nothing to leak */
	return true;
}

void ui_free(struct ui **uip)
{
	struct ui *ui = uip ? *uip : NULL;

	if (!ui)
		return;
	while (ui->depth > 0)
		screen_free(&ui->stack[--ui->depth]);
	free(ui->stack);
	drafts_fini(ui);
	keymap_free(&ui->keymap);
	textline_fini(&ui->cmd.line);
	free(ui);
	*uip = NULL;
}

struct store *ui_store(const struct ui *ui)
{
	return ui->store;
}

const struct csm_config *ui_config(const struct ui *ui)
{
	return ui->cfg;
}

const struct keymap *ui_keymap(const struct ui *ui)
{
	return ui->keymap;
}

struct screen *ui_top(const struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

int ui_depth(const struct ui *ui)
{
	return ui->depth;
}

bool ui_quitting(const struct ui *ui)
{
	return ui->quit;
}

static void set_message(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	/* One line: the status line cannot show more. */
	for (char *p = ui->msg; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	ui->msg_error = error;
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(ui, true, fmt, ap);
	va_end(ap);
}

const char *ui_message_text(const struct ui *ui, bool *is_error)
{
	if (is_error)
		*is_error = ui->msg_error;
	return ui->msg;
}

const char *ui_question_text(const struct ui *ui)
{
	return ui->confirm.active ? ui->confirm.question : NULL;
}

int ui_push(struct ui *ui, const struct screen_ops *ops, const struct screen_arg *arg)
{
	struct csm_error err = {0};
	struct screen *s = screen_new(ops, ui, arg, &err);

	if (!s) {
		ui_error(ui, "%s", err.msg[0] ? err.msg : "cannot open the screen");
		return -1;
	}
	if (ui->depth == ui->cap) {
		ui->cap = ui->cap ? ui->cap * 2 : 8;
		ui->stack = xrealloc(ui->stack, (size_t)ui->cap * sizeof *ui->stack);
	}
	ui->stack[ui->depth++] = s;
	if (ops->layout)
		ops->layout(s, ui->rows, ui->cols);
	s->rows = ui->rows;
	s->cols = ui->cols;
	return 0;
}

void ui_pop(struct ui *ui)
{
	if (ui->depth <= 1)
		return;
	screen_free(&ui->stack[--ui->depth]);
	if (ui_top(ui)->ops->resume)
		ui_top(ui)->ops->resume(ui_top(ui));
	ui_top(ui)->redraw = true;
}

void ui_layout(struct ui *ui, int rows, int cols)
{
	ui->rows = rows;
	ui->cols = cols;
	for (int i = 0; i < ui->depth; i++) {
		struct screen *s = ui->stack[i];
		s->rows = rows;
		s->cols = cols;
		if (s->ops->layout)
			s->ops->layout(s, rows, cols);
		s->redraw = true;
	}
}

/* ---- records ---------------------------------------------------------- */

/* "accounts", "install base items": for messages. */
static const char *kind_plural(enum search_kind k)
{
	static char buf[64];
	snprintf(buf, sizeof buf, "%s records", search_kind_name(k));
	return buf;
}

void ui_open_record(struct ui *ui, enum search_kind kind, int64_t id, const char *number)
{
	struct screen_arg arg = {.kind = kind, .id = id, .number = number};

	if (kind >= SK_COUNT)
		return;
	if (!record_screens[kind].view) {
		ui_message(ui, "%s%sthere is no screen for %s yet", number ? number : "",
			   number ? ": " : "", kind_plural(kind));
		return;
	}
	ui_push(ui, record_screens[kind].view, &arg);
}

void ui_create_record(struct ui *ui, enum search_kind kind)
{
	struct screen_arg arg = {.kind = kind, .create = true};

	if (kind >= SK_COUNT)
		return;
	if (!record_screens[kind].create) {
		ui_message(ui, "there is no screen to create %s yet", kind_plural(kind));
		return;
	}
	ui_push(ui, record_screens[kind].create, &arg);
}

enum search_kind ui_customer_kind(const struct ui *ui)
{
	return ui->cfg->model == MODEL_B2C ? SK_CONSUMER : SK_ACCOUNT;
}

/* ---- keys ------------------------------------------------------------- */

/* The screen's keymap, then "edit" for text input, then "global"; an
 * unbound printable key types itself. */
static enum action resolve(const struct ui *ui, const char *keymap, bool text, unsigned key)
{
	enum action a;

	if (keymap_lookup(ui->keymap, keymap, key, &a))
		return a;
	if (text && keymap_lookup(ui->keymap, "edit", key, &a))
		return a;
	if (text && keymap_is_printable(key))
		return ACT_INSERT;
	if (keymap_lookup(ui->keymap, "global", key, &a))
		return a;
	return keymap_is_printable(key) ? ACT_INSERT : ACT_NONE;
}

static bool any_dirty(const struct ui *ui, int from)
{
	for (int i = from; i < ui->depth; i++)
		if (ui->stack[i]->ops->dirty && ui->stack[i]->ops->dirty(ui->stack[i]))
			return true;
	return false;
}

static void ask(struct ui *ui, enum action then, const char *question)
{
	ui->confirm.active = true;
	ui->confirm.then = then;
	snprintf(ui->confirm.question, sizeof ui->confirm.question, "%s", question);
}

/* Leaves the top screen (or csm on the home screen); asks first when that
 * would lose unsaved changes, unless forced. */
static void close_top(struct ui *ui, bool forced)
{
	if (!forced && any_dirty(ui, ui->depth - 1)) {
		ask(ui, ACT_CLOSE, "Discard unsaved changes? (y/n)");
		return;
	}
	if (ui->depth <= 1)
		ui->quit = true;
	else
		ui_pop(ui);
}

static void quit(struct ui *ui, bool forced)
{
	if (!forced && any_dirty(ui, 0)) {
		ask(ui, ACT_QUIT, "Quit and discard unsaved changes? (y/n)");
		return;
	}
	ui->quit = true;
}

void ui_action(struct ui *ui, enum action a)
{
	struct screen *top = ui_top(ui);

	switch (a) {
	case ACT_HELP: {
		bool text;
		const char *km = screen_keymap(top, &text);
		char keymaps[128];
		struct screen_arg arg = {.kind = SK_COUNT, .keymap = keymaps};

		if (top->ops == &help_screen)
			return;
		/* The screen's own keymap, the mode it is in, text editing
		 * when it takes text, and the global keys. */
		snprintf(keymaps, sizeof keymaps, "%s%s%s%s global", top->ops->name,
			 strcmp(km, top->ops->name) ? " " : "", strcmp(km, top->ops->name) ? km : "",
			 text ? " edit" : "");
		ui_push(ui, &help_screen, &arg);
		break;
	}
	case ACT_COMMAND:
		cmdline_open(ui);
		break;
	case ACT_BACK:
		if (ui->depth > 1)
			close_top(ui, false);
		break;
	case ACT_CLOSE:
		close_top(ui, false);
		break;
	case ACT_QUIT:
		quit(ui, false);
		break;
	case ACT_REDRAW:
		ui->redraw_all = true;
		break;
	default:
		break;
	}
}

void ui_dispatch_key(struct ui *ui, const struct key_event *ev)
{
	struct screen *top = ui_top(ui);
	const char *keymap;
	char why[300];
	bool text;
	enum action a;

	ui->msg[0] = '\0';
	if (drafts_answer(ui, ev))
		return;
	if (ui->confirm.active) {
		ui->confirm.active = false;
		top->redraw = true;
		if (ev->key == 'y' || ev->key == 'Y') {
			if (ui->confirm.then == ACT_QUIT)
				quit(ui, true);
			else
				close_top(ui, true);
		}
		return;
	}
	if (ui->cmd.active) {
		cmdline_handle(ui, resolve(ui, "prompt", true, ev->key), ev);
		return;
	}
	keymap = screen_keymap(top, &text);
	a = ev->key == (KEYCODE_FN | KEY_MOUSE) ? ACT_MOUSE : resolve(ui, keymap, text, ev->key);
	/* What the acting user may not do is refused here, with the reason. */
	if (!screen_permits(top, a, why, sizeof why)) {
		ui_error(ui, "%s", why[0] ? why : "you may not do that");
		top->redraw = true;
		return;
	}
	a = top->ops->handle(top, a, ev);
	if (a != ACT_NONE)
		ui_action(ui, a);
}

void ui_idle(struct ui *ui)
{
	struct screen *top = ui_top(ui);

	if (top && top->pending && top->ops->update) {
		top->ops->update(top);
		top->pending = false;
		top->redraw = true;
	}
}
