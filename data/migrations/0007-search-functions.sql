-- 0007-search-functions.sql: phones get an index of their own, and the
-- search views compute phone keys and exact values in C (issue 5: seeding
-- at scale; src/store/search.c).
--
-- Phones.  0006 put every digit suffix of every phone (4 to 15 digits) in
-- search_fts, with its prefix indexes of 1 to 8 characters: most of that
-- index's tokens, and of the time `csm seed` spent filling it.  They move to
-- search_phone, with prefix indexes of 3 to 6 digits only: the lookup asks
-- it for digits of a phone-like text (3 or more digits), and a longer run
-- of digits is rare enough among the suffixes to be merged without one.
-- search_fts keeps the numbers, names, codes, emails and serial numbers.
--
-- Functions.  0006 spelled out a phone's suffixes as twelve CASE arms that
-- each call csm_digits() again, and an exact value as 37 nested replace()
-- calls: reading search_exact_source took 4.3 s of the 39 s of `csm seed
-- --scale 50`.  csm_phone_keys() and csm_squash() (store.c, search.c) return
-- the same strings, so search_exact stays valid as it is:
--   csm_phone_keys('+49 (30) 1234-567') = '49301234567 4567 34567 ... 9301234567'
--     (the digits, then every digit suffix of 4 to 15 digits shorter than them)
--   csm_squash('Müller & Söhne') = 'MüllerSöhne'
--     (without ASCII punctuation, spaces, tabs, CR and LF)
--
-- search_source keeps its name and columns without the phone arms, so the
-- triggers of 0006 go on as they are, but for account, contact and
-- consumer, which now write search_phone too.  search_fts and search_phone
-- are rebuilt here.

DROP VIEW search_exact_source;
DROP VIEW search_source;

CREATE VIEW search_source(rid, value, kind, rec_id, field, inactive) AS
  SELECT (0 << 59) + ((4 * (a.active = 0) + 0) << 55) + (0 << 51) + a.id,
         a.number || ' ' || ltrim(csm_digits(a.number), '0'),
         0, a.id, 0, a.active = 0
    FROM account a
  UNION ALL
  SELECT (0 << 59) + ((4 * (a.active = 0) + 1) << 55) + (1 << 51) + a.id,
         a.name,
         0, a.id, 1, a.active = 0
    FROM account a
  UNION ALL
  SELECT (0 << 59) + ((4 * (a.active = 0) + 0) << 55) + (2 << 51) + a.id,
         a.code,
         0, a.id, 2, a.active = 0
    FROM account a WHERE a.code <> ''
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 0) << 55) + (0 << 51) + c.id,
         c.number || ' ' || ltrim(csm_digits(c.number), '0'),
         1, c.id, 0, c.active = 0
    FROM contact c
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 1) << 55) + (1 << 51) + c.id,
         COALESCE(c.first_name || ' ', '') || c.last_name,
         1, c.id, 1, c.active = 0
    FROM contact c
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 2) << 55) + (2 << 51) + c.id,
         c.email,
         1, c.id, 2, c.active = 0
    FROM contact c WHERE c.email <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 0) << 55) + (0 << 51) + c.id,
         c.number || ' ' || ltrim(csm_digits(c.number), '0'),
         2, c.id, 0, c.active = 0
    FROM consumer c
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 1) << 55) + (1 << 51) + c.id,
         COALESCE(c.first_name || ' ', '') || COALESCE(c.middle_name || ' ', '') || c.last_name || COALESCE(' ' || c.suffix, ''),
         2, c.id, 1, c.active = 0
    FROM consumer c
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (2 << 51) + c.id,
         c.email,
         2, c.id, 2, c.active = 0
    FROM consumer c WHERE c.email <> ''
  UNION ALL
  SELECT (3 << 59) + ((4 * (h.active = 0) + 0) << 55) + (0 << 51) + h.id,
         h.number || ' ' || ltrim(csm_digits(h.number), '0'),
         3, h.id, 0, h.active = 0
    FROM household h
  UNION ALL
  SELECT (3 << 59) + ((4 * (h.active = 0) + 1) << 55) + (1 << 51) + h.id,
         h.name,
         3, h.id, 1, h.active = 0
    FROM household h
  UNION ALL
  SELECT (4 << 59) + ((4 * (1 = 0) + 0) << 55) + (0 << 51) + k.id,
         k.number || ' ' || ltrim(csm_digits(k.number), '0'),
         4, k.id, 0, 1 = 0
    FROM cases k
  UNION ALL
  SELECT (4 << 59) + ((4 * (1 = 0) + 1) << 55) + (1 << 51) + k.id,
         k.short_description,
         4, k.id, 1, 1 = 0
    FROM cases k
  UNION ALL
  SELECT (5 << 59) + ((4 * (i.state <> 'inactive' = 0) + 0) << 55) + (0 << 51) + i.id,
         i.number || ' ' || ltrim(csm_digits(i.number), '0'),
         5, i.id, 0, i.state <> 'inactive' = 0
    FROM install_base_item i
  UNION ALL
  SELECT (5 << 59) + ((4 * (i.state <> 'inactive' = 0) + 1) << 55) + (1 << 51) + i.id,
         i.name,
         5, i.id, 1, i.state <> 'inactive' = 0
    FROM install_base_item i
  UNION ALL
  SELECT (5 << 59) + ((4 * (i.state <> 'inactive' = 0) + 0) << 55) + (2 << 51) + i.id,
         i.serial_number,
         5, i.id, 2, i.state <> 'inactive' = 0
    FROM install_base_item i WHERE i.serial_number <> ''
  UNION ALL
  SELECT (6 << 59) + ((4 * (s.active = 0) + 0) << 55) + (0 << 51) + s.id,
         s.number || ' ' || ltrim(csm_digits(s.number), '0'),
         6, s.id, 0, s.active = 0
    FROM sold_product s JOIN product p ON p.id = s.product_id
  UNION ALL
  SELECT (6 << 59) + ((4 * (s.active = 0) + 1) << 55) + (1 << 51) + s.id,
         p.name,
         6, s.id, 1, s.active = 0
    FROM sold_product s JOIN product p ON p.id = s.product_id;

CREATE VIEW search_phone_source(rid, value, kind, rec_id, field, inactive) AS
  SELECT (0 << 59) + ((4 * (a.active = 0) + 2) << 55) + (3 << 51) + a.id,
         csm_phone_keys(a.phone),
         0, a.id, 3, a.active = 0
    FROM account a WHERE a.phone <> ''
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 2) << 55) + (3 << 51) + c.id,
         csm_phone_keys(c.phone),
         1, c.id, 3, c.active = 0
    FROM contact c WHERE c.phone <> ''
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 2) << 55) + (4 << 51) + c.id,
         csm_phone_keys(c.mobile),
         1, c.id, 4, c.active = 0
    FROM contact c WHERE c.mobile <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (3 << 51) + c.id,
         csm_phone_keys(c.mobile_phone),
         2, c.id, 3, c.active = 0
    FROM consumer c WHERE c.mobile_phone <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (4 << 51) + c.id,
         csm_phone_keys(c.home_phone),
         2, c.id, 4, c.active = 0
    FROM consumer c WHERE c.home_phone <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (5 << 51) + c.id,
         csm_phone_keys(c.business_phone),
         2, c.id, 5, c.active = 0
    FROM consumer c WHERE c.business_phone <> '';

CREATE VIEW search_exact_source(rid, value, kind, rec_id, field, inactive) AS
  SELECT rid, csm_squash(value), kind, rec_id, field, inactive
    FROM search_source WHERE field = 1 OR (field = 2 AND kind IN (0, 5));

CREATE VIRTUAL TABLE search_phone USING fts5(
  value,
  content = 'search_phone_source',
  content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3 4 5 6',
  columnsize = 0
);

-- ------------------------------------ triggers that keep all three indexes
DROP TRIGGER search_account_insert;
DROP TRIGGER search_account_delete;
DROP TRIGGER search_account_update_old;
DROP TRIGGER search_account_update_new;
DROP TRIGGER search_contact_insert;
DROP TRIGGER search_contact_delete;
DROP TRIGGER search_contact_update_old;
DROP TRIGGER search_contact_update_new;
DROP TRIGGER search_consumer_insert;
DROP TRIGGER search_consumer_delete;
DROP TRIGGER search_consumer_update_old;
DROP TRIGGER search_consumer_update_new;

-- account
CREATE TRIGGER search_account_insert AFTER INSERT ON account WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 0 AND rec_id = NEW.id;
  INSERT INTO search_phone(rowid, value)
    SELECT rid, value FROM search_phone_source WHERE kind = 0 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 0 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_account_delete BEFORE DELETE ON account WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 0 AND rec_id = OLD.id;
  INSERT INTO search_phone(search_phone, rowid, value)
    SELECT 'delete', rid, value FROM search_phone_source WHERE kind = 0 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 0 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_account_update_old BEFORE UPDATE OF id, number, name, code, phone, active ON account
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 0 AND rec_id = OLD.id;
  INSERT INTO search_phone(search_phone, rowid, value)
    SELECT 'delete', rid, value FROM search_phone_source WHERE kind = 0 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 0 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_account_update_new AFTER UPDATE OF id, number, name, code, phone, active ON account
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 0 AND rec_id = NEW.id;
  INSERT INTO search_phone(rowid, value)
    SELECT rid, value FROM search_phone_source WHERE kind = 0 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 0 AND rec_id = NEW.id;
END;

-- contact
CREATE TRIGGER search_contact_insert AFTER INSERT ON contact WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 1 AND rec_id = NEW.id;
  INSERT INTO search_phone(rowid, value)
    SELECT rid, value FROM search_phone_source WHERE kind = 1 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 1 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_contact_delete BEFORE DELETE ON contact WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 1 AND rec_id = OLD.id;
  INSERT INTO search_phone(search_phone, rowid, value)
    SELECT 'delete', rid, value FROM search_phone_source WHERE kind = 1 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 1 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_contact_update_old BEFORE UPDATE OF id, number, first_name, last_name, email, phone, mobile, active ON contact
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 1 AND rec_id = OLD.id;
  INSERT INTO search_phone(search_phone, rowid, value)
    SELECT 'delete', rid, value FROM search_phone_source WHERE kind = 1 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 1 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_contact_update_new AFTER UPDATE OF id, number, first_name, last_name, email, phone, mobile, active ON contact
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 1 AND rec_id = NEW.id;
  INSERT INTO search_phone(rowid, value)
    SELECT rid, value FROM search_phone_source WHERE kind = 1 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 1 AND rec_id = NEW.id;
END;

-- consumer
CREATE TRIGGER search_consumer_insert AFTER INSERT ON consumer WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 2 AND rec_id = NEW.id;
  INSERT INTO search_phone(rowid, value)
    SELECT rid, value FROM search_phone_source WHERE kind = 2 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 2 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_consumer_delete BEFORE DELETE ON consumer WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 2 AND rec_id = OLD.id;
  INSERT INTO search_phone(search_phone, rowid, value)
    SELECT 'delete', rid, value FROM search_phone_source WHERE kind = 2 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 2 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_consumer_update_old BEFORE UPDATE OF id, number, first_name, middle_name, last_name, suffix, email, mobile_phone, home_phone, business_phone, active ON consumer
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 2 AND rec_id = OLD.id;
  INSERT INTO search_phone(search_phone, rowid, value)
    SELECT 'delete', rid, value FROM search_phone_source WHERE kind = 2 AND rec_id = OLD.id;
  INSERT INTO search_exact(search_exact, rowid, value)
    SELECT 'delete', rid, value FROM search_exact_source WHERE kind = 2 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_consumer_update_new AFTER UPDATE OF id, number, first_name, middle_name, last_name, suffix, email, mobile_phone, home_phone, business_phone, active ON consumer
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 2 AND rec_id = NEW.id;
  INSERT INTO search_phone(rowid, value)
    SELECT rid, value FROM search_phone_source WHERE kind = 2 AND rec_id = NEW.id;
  INSERT INTO search_exact(rowid, value)
    SELECT rid, value FROM search_exact_source WHERE kind = 2 AND rec_id = NEW.id;
END;

-- ------------------------------------------------------ the records there
INSERT INTO search_fts(search_fts) VALUES ('rebuild');
INSERT INTO search_phone(search_phone) VALUES ('rebuild');
