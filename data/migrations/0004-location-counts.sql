-- 0004-location-counts.sql: install base counts per location kept by the
-- store, and tree paths that bulk loaders write themselves.
--
-- location_count holds, for every location, the counts of the items placed
-- right there (items, in_use, in_repair, open_cases) and the same counts
-- over its whole subtree, itself included (total_*).  The triggers below
-- keep both on every insert, move, state change and delete of an item and
-- on every case that opens, closes, changes item or goes; a location moved
-- under another parent takes its totals from the old ancestors to the new.
-- The roll-up of a location's children then reads one row per child
-- instead of counting millions of items (src/store/install_base_store.c).
-- An open case is one in state new, open, awaiting_info or resolved.
--
-- Ancestors: a location's path '/1/7/42/' lists its ancestors and itself;
-- json_each('[1,7,42]') turns it into ids, each updated by primary key.
--
-- Bulk loads (store_set_bulk(), csm_index_on() false) skip these triggers
-- and the per-row path triggers of locations, accounts and install base
-- items: the loader writes path, depth and root_id itself and rebuilds the
-- counts at the end with store_location_counts_rebuild(), the same
-- statement as the fill at the end of this file.

-- ---------------------------------------------- paths, skipped in bulk loads
DROP TRIGGER location_path_insert;
CREATE TRIGGER location_path_insert AFTER INSERT ON location WHEN csm_index_on() BEGIN
  UPDATE location SET
    path = COALESCE((SELECT p.path FROM location p WHERE p.id = NEW.parent_id), '/') || NEW.id || '/',
    depth = COALESCE((SELECT p.depth + 1 FROM location p WHERE p.id = NEW.parent_id), 0)
  WHERE id = NEW.id;
END;

DROP TRIGGER account_path_insert;
CREATE TRIGGER account_path_insert AFTER INSERT ON account WHEN csm_index_on() BEGIN
  UPDATE account SET
    path = COALESCE((SELECT p.path FROM account p WHERE p.id = NEW.parent_id), '/') || NEW.id || '/'
  WHERE id = NEW.id;
END;

DROP TRIGGER install_base_tree_insert;
CREATE TRIGGER install_base_tree_insert AFTER INSERT ON install_base_item WHEN csm_index_on() BEGIN
  UPDATE install_base_item SET
    root_id = COALESCE((SELECT p.root_id FROM install_base_item p WHERE p.id = NEW.parent_id), NEW.id),
    path = COALESCE((SELECT p.path FROM install_base_item p WHERE p.id = NEW.parent_id), '/')
           || NEW.id || '/'
  WHERE id = NEW.id;
END;

-- ------------------------------------------------------------ the counts
CREATE TABLE location_count (
  location_id      INTEGER PRIMARY KEY REFERENCES location(id) ON DELETE CASCADE,
  items            INTEGER NOT NULL DEFAULT 0,  -- placed at this very location
  in_use           INTEGER NOT NULL DEFAULT 0,
  in_repair        INTEGER NOT NULL DEFAULT 0,
  open_cases       INTEGER NOT NULL DEFAULT 0,  -- open cases on those items
  total_items      INTEGER NOT NULL DEFAULT 0,  -- the same over the subtree, self included
  total_in_use     INTEGER NOT NULL DEFAULT 0,
  total_in_repair  INTEGER NOT NULL DEFAULT 0,
  total_open_cases INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER location_count_location_insert AFTER INSERT ON location WHEN csm_index_on() BEGIN
  INSERT INTO location_count(location_id) VALUES (NEW.id);
END;

-- A moved location's totals leave its old ancestors and join its new ones
-- (the parents' paths do not change with the move).
CREATE TRIGGER location_count_location_move AFTER UPDATE OF parent_id ON location
WHEN OLD.parent_id IS NOT NEW.parent_id AND csm_index_on() BEGIN
  UPDATE location_count SET
    total_items = total_items - (SELECT total_items FROM location_count WHERE location_id = NEW.id),
    total_in_use = total_in_use - (SELECT total_in_use FROM location_count WHERE location_id = NEW.id),
    total_in_repair = total_in_repair
                      - (SELECT total_in_repair FROM location_count WHERE location_id = NEW.id),
    total_open_cases = total_open_cases
                       - (SELECT total_open_cases FROM location_count WHERE location_id = NEW.id)
  WHERE location_id IN (SELECT value FROM json_each((SELECT '[' || replace(trim(path, '/'), '/', ',') || ']'
                                                     FROM location WHERE id = OLD.parent_id)));
  UPDATE location_count SET
    total_items = total_items + (SELECT total_items FROM location_count WHERE location_id = NEW.id),
    total_in_use = total_in_use + (SELECT total_in_use FROM location_count WHERE location_id = NEW.id),
    total_in_repair = total_in_repair
                      + (SELECT total_in_repair FROM location_count WHERE location_id = NEW.id),
    total_open_cases = total_open_cases
                       + (SELECT total_open_cases FROM location_count WHERE location_id = NEW.id)
  WHERE location_id IN (SELECT value FROM json_each((SELECT '[' || replace(trim(path, '/'), '/', ',') || ']'
                                                     FROM location WHERE id = NEW.parent_id)));
END;

-- Items: +1 where one arrives, -1 where one leaves, with its state and its
-- open cases.
CREATE TRIGGER location_count_item_insert AFTER INSERT ON install_base_item
WHEN NEW.location_id IS NOT NULL AND csm_index_on() BEGIN
  UPDATE location_count SET
    items = items + 1, in_use = in_use + (NEW.state = 'in_use'),
    in_repair = in_repair + (NEW.state = 'in_repair')
  WHERE location_id = NEW.location_id;
  UPDATE location_count SET
    total_items = total_items + 1, total_in_use = total_in_use + (NEW.state = 'in_use'),
    total_in_repair = total_in_repair + (NEW.state = 'in_repair')
  WHERE location_id IN (SELECT value FROM json_each((SELECT '[' || replace(trim(path, '/'), '/', ',') || ']'
                                                     FROM location WHERE id = NEW.location_id)));
END;

CREATE TRIGGER location_count_item_delete AFTER DELETE ON install_base_item
WHEN OLD.location_id IS NOT NULL AND csm_index_on() BEGIN
  UPDATE location_count SET
    items = items - 1, in_use = in_use - (OLD.state = 'in_use'),
    in_repair = in_repair - (OLD.state = 'in_repair'),
    open_cases = open_cases - (SELECT count(*) FROM cases WHERE install_base_item_id = OLD.id
                               AND state IN ('new', 'open', 'awaiting_info', 'resolved'))
  WHERE location_id = OLD.location_id;
  UPDATE location_count SET
    total_items = total_items - 1, total_in_use = total_in_use - (OLD.state = 'in_use'),
    total_in_repair = total_in_repair - (OLD.state = 'in_repair'),
    total_open_cases = total_open_cases
                       - (SELECT count(*) FROM cases WHERE install_base_item_id = OLD.id
                          AND state IN ('new', 'open', 'awaiting_info', 'resolved'))
  WHERE location_id IN (SELECT value FROM json_each((SELECT '[' || replace(trim(path, '/'), '/', ',') || ']'
                                                     FROM location WHERE id = OLD.location_id)));
END;

CREATE TRIGGER location_count_item_update AFTER UPDATE OF location_id, state ON install_base_item
WHEN (OLD.location_id IS NOT NEW.location_id OR OLD.state IS NOT NEW.state) AND csm_index_on() BEGIN
  UPDATE location_count SET
    items = items - 1, in_use = in_use - (OLD.state = 'in_use'),
    in_repair = in_repair - (OLD.state = 'in_repair'),
    open_cases = open_cases - (SELECT count(*) FROM cases WHERE install_base_item_id = OLD.id
                               AND state IN ('new', 'open', 'awaiting_info', 'resolved'))
  WHERE location_id = OLD.location_id;
  UPDATE location_count SET
    total_items = total_items - 1, total_in_use = total_in_use - (OLD.state = 'in_use'),
    total_in_repair = total_in_repair - (OLD.state = 'in_repair'),
    total_open_cases = total_open_cases
                       - (SELECT count(*) FROM cases WHERE install_base_item_id = OLD.id
                          AND state IN ('new', 'open', 'awaiting_info', 'resolved'))
  WHERE location_id IN (SELECT value FROM json_each((SELECT '[' || replace(trim(path, '/'), '/', ',') || ']'
                                                     FROM location WHERE id = OLD.location_id)));
  UPDATE location_count SET
    items = items + 1, in_use = in_use + (NEW.state = 'in_use'),
    in_repair = in_repair + (NEW.state = 'in_repair'),
    open_cases = open_cases + (SELECT count(*) FROM cases WHERE install_base_item_id = NEW.id
                               AND state IN ('new', 'open', 'awaiting_info', 'resolved'))
  WHERE location_id = NEW.location_id;
  UPDATE location_count SET
    total_items = total_items + 1, total_in_use = total_in_use + (NEW.state = 'in_use'),
    total_in_repair = total_in_repair + (NEW.state = 'in_repair'),
    total_open_cases = total_open_cases
                       + (SELECT count(*) FROM cases WHERE install_base_item_id = NEW.id
                          AND state IN ('new', 'open', 'awaiting_info', 'resolved'))
  WHERE location_id IN (SELECT value FROM json_each((SELECT '[' || replace(trim(path, '/'), '/', ',') || ']'
                                                     FROM location WHERE id = NEW.location_id)));
END;

-- Cases: an open case on an item counts at the item's location.
CREATE TRIGGER location_count_case_insert AFTER INSERT ON cases
WHEN NEW.install_base_item_id IS NOT NULL
 AND NEW.state IN ('new', 'open', 'awaiting_info', 'resolved') AND csm_index_on() BEGIN
  UPDATE location_count SET open_cases = open_cases + 1
  WHERE location_id = (SELECT location_id FROM install_base_item WHERE id = NEW.install_base_item_id);
  UPDATE location_count SET total_open_cases = total_open_cases + 1
  WHERE location_id IN (SELECT value FROM json_each((
    SELECT '[' || replace(trim(l.path, '/'), '/', ',') || ']' FROM install_base_item i
      JOIN location l ON l.id = i.location_id WHERE i.id = NEW.install_base_item_id)));
END;

CREATE TRIGGER location_count_case_delete AFTER DELETE ON cases
WHEN OLD.install_base_item_id IS NOT NULL
 AND OLD.state IN ('new', 'open', 'awaiting_info', 'resolved') AND csm_index_on() BEGIN
  UPDATE location_count SET open_cases = open_cases - 1
  WHERE location_id = (SELECT location_id FROM install_base_item WHERE id = OLD.install_base_item_id);
  UPDATE location_count SET total_open_cases = total_open_cases - 1
  WHERE location_id IN (SELECT value FROM json_each((
    SELECT '[' || replace(trim(l.path, '/'), '/', ',') || ']' FROM install_base_item i
      JOIN location l ON l.id = i.location_id WHERE i.id = OLD.install_base_item_id)));
END;

CREATE TRIGGER location_count_case_update AFTER UPDATE OF state, install_base_item_id ON cases
WHEN csm_index_on()
 AND (OLD.install_base_item_id IS NOT NEW.install_base_item_id
      OR (OLD.state IN ('new', 'open', 'awaiting_info', 'resolved'))
         <> (NEW.state IN ('new', 'open', 'awaiting_info', 'resolved'))) BEGIN
  UPDATE location_count SET open_cases = open_cases - 1
  WHERE OLD.state IN ('new', 'open', 'awaiting_info', 'resolved')
    AND location_id = (SELECT location_id FROM install_base_item WHERE id = OLD.install_base_item_id);
  UPDATE location_count SET total_open_cases = total_open_cases - 1
  WHERE OLD.state IN ('new', 'open', 'awaiting_info', 'resolved')
    AND location_id IN (SELECT value FROM json_each((
    SELECT '[' || replace(trim(l.path, '/'), '/', ',') || ']' FROM install_base_item i
      JOIN location l ON l.id = i.location_id WHERE i.id = OLD.install_base_item_id)));
  UPDATE location_count SET open_cases = open_cases + 1
  WHERE NEW.state IN ('new', 'open', 'awaiting_info', 'resolved')
    AND location_id = (SELECT location_id FROM install_base_item WHERE id = NEW.install_base_item_id);
  UPDATE location_count SET total_open_cases = total_open_cases + 1
  WHERE NEW.state IN ('new', 'open', 'awaiting_info', 'resolved')
    AND location_id IN (SELECT value FROM json_each((
    SELECT '[' || replace(trim(l.path, '/'), '/', ',') || ']' FROM install_base_item i
      JOIN location l ON l.id = i.location_id WHERE i.id = NEW.install_base_item_id)));
END;

-- --------------------------------------------- the counts of existing data
-- In steps that update rows by primary key (a join of CTEs would be
-- scanned once per location): a row each, the items and open cases placed
-- at each location, then each location's counts added to its ancestors'.
INSERT INTO location_count(location_id) SELECT id FROM location;
UPDATE location_count SET items = i.n, in_use = i.u, in_repair = i.r
  FROM (SELECT location_id AS id, count(*) AS n, sum(state = 'in_use') AS u,
               sum(state = 'in_repair') AS r
          FROM install_base_item WHERE location_id IS NOT NULL GROUP BY location_id) AS i
 WHERE location_count.location_id = i.id;
UPDATE location_count SET open_cases = o.n
  FROM (SELECT it.location_id AS id, count(*) AS n
          FROM cases c JOIN install_base_item it ON it.id = c.install_base_item_id
         WHERE c.state IN ('new', 'open', 'awaiting_info', 'resolved')
           AND it.location_id IS NOT NULL GROUP BY it.location_id) AS o
 WHERE location_count.location_id = o.id;
UPDATE location_count SET total_items = t.n, total_in_use = t.u, total_in_repair = t.r,
                          total_open_cases = t.c
  FROM (SELECT a.value AS id, sum(h.items) AS n, sum(h.in_use) AS u, sum(h.in_repair) AS r,
               sum(h.open_cases) AS c
          FROM location_count h JOIN location l ON l.id = h.location_id,
               json_each('[' || replace(trim(l.path, '/'), '/', ',') || ']') a
         WHERE h.items > 0 OR h.open_cases > 0 GROUP BY a.value) AS t
 WHERE location_count.location_id = t.id;
