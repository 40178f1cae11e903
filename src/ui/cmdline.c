/* cmdline.c - the ':' command line: jump to a record by its number, open a
 * screen by name, quit. */
#include "ui/private.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

void cmdline_open(struct ui *ui)
{
	ui->cmd.active = true;
	textline_set(&ui->cmd.line, "");
}

/* Names the command line knows besides the registered screens. */
static const char *const builtin_names[] = {"quit", "q", NULL};

/* Calls fn for every name Tab can complete to. */
static void each_name(void (*fn)(void *ctx, const char *name), void *ctx)
{
	for (size_t i = 0; screen_registry[i]; i++)
		if (screen_registry[i]->flags & (SCREEN_NAMED | SCREEN_HOME))
			fn(ctx, screen_registry[i]->name);
	for (size_t i = 0; builtin_names[i]; i++)
		fn(ctx, builtin_names[i]);
}

struct completion {
	const char *prefix;  /* what is typed */
	char common[64];     /* longest common prefix of the matches */
	char list[256];      /* the matches, space-separated */
	int n;               /* how many match */
};

static void complete_one(void *ctx, const char *name)
{
	struct completion *c = ctx;
	size_t len = strlen(c->prefix), i;

	if (strncmp(name, c->prefix, len) != 0 || strlen(name) < 2)
		return;
	if (c->n++ == 0) {
		snprintf(c->common, sizeof c->common, "%s", name);
	} else {
		for (i = 0; c->common[i] && c->common[i] == name[i]; i++)
			;
		c->common[i] = '\0';
	}
	if (strlen(c->list) + strlen(name) + 2 < sizeof c->list)
		snprintf(c->list + strlen(c->list), sizeof c->list - strlen(c->list), "%s%s",
			 c->n > 1 ? " " : "", name);
}

void cmdline_complete(struct ui *ui)
{
	struct completion c = {.prefix = textline_get(&ui->cmd.line)};

	each_name(complete_one, &c);
	if (c.n == 0) {
		ui_error(ui, "No screen starts with '%s'", c.prefix);
		return;
	}
	if (strlen(c.common) > strlen(c.prefix))
		textline_set(&ui->cmd.line, c.common);
	if (c.n > 1)
		ui_message(ui, "%s", c.list);
}

void cmdline_handle(struct ui *ui, enum action a, const struct key_event *ev)
{
	char *cmd;

	ui_top(ui)->redraw = true;
	switch (a) {
	case ACT_ACCEPT:
		cmd = xstrdup(textline_get(&ui->cmd.line));
		ui->cmd.active = false;
		ui_command(ui, cmd);
		free(cmd);
		return;
	case ACT_BACK:
		ui->cmd.active = false;
		return;
	case ACT_COMPLETE:
		cmdline_complete(ui);
		return;
	default:
		/* Backspace on an empty line closes it, as in vi. */
		if (a == ACT_DELETE_BACK && ui->cmd.line.text.len == 0) {
			ui->cmd.active = false;
			return;
		}
		textline_handle(&ui->cmd.line, a, ev, NULL);
		return;
	}
}

/* Record kinds that have numbers and a lookup kind, for ":NUMBER". */
static const struct {
	enum record_kind rec;
	enum search_kind kind;
} numbered[] = {
	{REC_CASE, SK_CASE},
	{REC_ACCOUNT, SK_ACCOUNT},
	{REC_CONTACT, SK_CONTACT},
	{REC_CONSUMER, SK_CONSUMER},
	{REC_HOUSEHOLD, SK_HOUSEHOLD},
	{REC_SOLD_PRODUCT, SK_SOLD_PRODUCT},
	{REC_INSTALL_BASE, SK_INSTALL_BASE},
};

/* The kind whose configured prefix starts cmd and is followed only by
 * digits; the longest prefix wins (CON before C...).  -1 if none. */
static int number_kind(const struct ui *ui, const char *cmd)
{
	int best = -1;
	size_t best_len = 0;

	for (size_t i = 0; i < sizeof numbered / sizeof numbered[0]; i++) {
		const char *p = store_prefix(ui->store, numbered[i].rec);
		size_t len = p ? strlen(p) : 0;
		const char *d;

		if (!len || strncasecmp(cmd, p, len) != 0 || !cmd[len])
			continue;
		for (d = cmd + len; isdigit((unsigned char)*d); d++)
			;
		if (*d == '\0' && len > best_len) {
			best = (int)i;
			best_len = len;
		}
	}
	return best;
}

static void jump_to_number(struct ui *ui, const char *number, enum search_kind kind)
{
	struct search_result r = {0};
	struct csm_error err = {0};

	if (store_search(ui->store, number, SEARCH_KIND_BIT(kind), 5, &r, &err) < 0) {
		ui_error(ui, "%s", err.msg);
		return;
	}
	for (size_t i = 0; i < r.n; i++) {
		if (r.hits[i].kind == kind && r.hits[i].number &&
		    strcasecmp(r.hits[i].number, number) == 0) {
			char *found = xstrdup(r.hits[i].number);
			int64_t id = r.hits[i].id;

			search_result_fini(&r);
			ui_open_record(ui, kind, id, found);
			free(found);
			return;
		}
	}
	search_result_fini(&r);
	ui_error(ui, "No %s %s", search_kind_name(kind), number);
}

void ui_command(struct ui *ui, const char *text)
{
	char cmd[128];
	size_t len;
	const struct screen_ops *ops;
	int k;

	while (*text == ' ' || *text == ':')
		text++;
	snprintf(cmd, sizeof cmd, "%s", text);
	len = strlen(cmd);
	while (len && cmd[len - 1] == ' ')
		cmd[--len] = '\0';
	if (!len)
		return;
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0) {
		ui_action(ui, ACT_QUIT);
		return;
	}
	if ((k = number_kind(ui, cmd)) >= 0) {
		jump_to_number(ui, cmd, numbered[k].kind);
		return;
	}
	ops = screen_find(cmd);
	if (!ops) {
		ui_error(ui, "Unknown command ':%s' (a record number like %s0000042, or a screen: "
			 "Tab completes)",
			 cmd, store_prefix(ui->store, REC_CASE));
		return;
	}
	if (ops->flags & SCREEN_HOME) {
		/* Back to the home screen: close everything above it. */
		while (ui->depth > 1)
			ui_pop(ui);
		return;
	}
	if (ui_top(ui)->ops == ops)
		return;
	if (ops == &help_screen) {
		ui_action(ui, ACT_HELP);
		return;
	}
	ui_push(ui, ops, NULL);
}
