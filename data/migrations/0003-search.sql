-- 0003-search.sql: the universal lookup's index (src/store/search.c).
--
-- One FTS5 row per indexed field of a record, so a hit says which field
-- matched.  The index is external-content over the view search_source and
-- stores no text of its own (only the inverted index): the text stays in the
-- tables.  A row's rowid encodes what it is:
--
--   rowid = (kind << 59) | (rank_class << 55) | (field << 51) | record id
--   kind:  enum search_kind (0 account .. 6 sold_product)
--   rank_class = class, plus 4 when the record is inactive;
--   class: 0 number-like (number, code, serial), 1 name, 2 other (email, phone)
--   field: per kind, the table `fields` in search.c
--
-- so that walking one kind's rowid range of a match meets numbers first,
-- then names, then other fields, then inactive records: the lookup reads
-- only the first few dozen matches of each kind, however many million rows
-- match.  The rebuild inserts arm by arm in ascending rowid order.
--
-- Values: numbers are indexed with their digits without leading zeros
-- ('CS0000042 42', so "42" finds CS0000042); phones by their digits only,
-- whole and their last 10, 7 and 4 digits ('+1 (555) 123-4567' ->
-- '15551234567 5551234567 1234567 4567'), so that the digits typed in any
-- format find them with or without the country code; emails are split by
-- the tokenizer at '.' and '@' ('jane.doe@example.com' -> jane doe example
-- com).
--
-- Prefix indexes up to 8 characters: a prefix query of that length reads
-- one ready doclist and stops after the first rows, where without one FTS5
-- merges the doclists of every term with the prefix (measured: "smith" over
-- 400k records 130 ms without, 0.4 ms with; the index is about twice as
-- big).  Longer prefixes are selective enough to merge.
--
-- The triggers are off during bulk loads (csm_index_on() false); the loader
-- rebuilds the index at the end (store_search_rebuild()).  Deletes read the
-- old values through the view in BEFORE triggers, as FTS5 needs them.

CREATE VIEW search_source(rid, value, kind, rec_id, field, inactive) AS
  SELECT (0 << 59) + ((4 * (a.active = 0) + 0) << 55) + (0 << 51) + a.id,
         a.number || ' ' || ltrim(csm_digits(a.number), '0'), 0, a.id, 0, a.active = 0
    FROM account a
  UNION ALL
  SELECT (0 << 59) + ((4 * (a.active = 0) + 1) << 55) + (1 << 51) + a.id,
         a.name, 0, a.id, 1, a.active = 0
    FROM account a
  UNION ALL
  SELECT (0 << 59) + ((4 * (a.active = 0) + 0) << 55) + (2 << 51) + a.id,
         a.code, 0, a.id, 2, a.active = 0
    FROM account a WHERE a.code <> ''
  UNION ALL
  SELECT (0 << 59) + ((4 * (a.active = 0) + 2) << 55) + (3 << 51) + a.id,
         csm_digits(a.phone)
           || CASE WHEN length(csm_digits(a.phone)) > 10 THEN ' ' || substr(csm_digits(a.phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 7 THEN ' ' || substr(csm_digits(a.phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(a.phone)) > 4 THEN ' ' || substr(csm_digits(a.phone), -4) ELSE '' END
          , 0, a.id, 3, a.active = 0
    FROM account a WHERE a.phone <> ''
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 0) << 55) + (0 << 51) + c.id,
         c.number || ' ' || ltrim(csm_digits(c.number), '0'), 1, c.id, 0, c.active = 0
    FROM contact c
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 1) << 55) + (1 << 51) + c.id,
         COALESCE(c.first_name || ' ', '') || c.last_name, 1, c.id, 1, c.active = 0
    FROM contact c
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 2) << 55) + (2 << 51) + c.id,
         c.email, 1, c.id, 2, c.active = 0
    FROM contact c WHERE c.email <> ''
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 2) << 55) + (3 << 51) + c.id,
         csm_digits(c.phone)
           || CASE WHEN length(csm_digits(c.phone)) > 10 THEN ' ' || substr(csm_digits(c.phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 7 THEN ' ' || substr(csm_digits(c.phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.phone)) > 4 THEN ' ' || substr(csm_digits(c.phone), -4) ELSE '' END
          , 1, c.id, 3, c.active = 0
    FROM contact c WHERE c.phone <> ''
  UNION ALL
  SELECT (1 << 59) + ((4 * (c.active = 0) + 2) << 55) + (4 << 51) + c.id,
         csm_digits(c.mobile)
           || CASE WHEN length(csm_digits(c.mobile)) > 10 THEN ' ' || substr(csm_digits(c.mobile), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 7 THEN ' ' || substr(csm_digits(c.mobile), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile)) > 4 THEN ' ' || substr(csm_digits(c.mobile), -4) ELSE '' END
          , 1, c.id, 4, c.active = 0
    FROM contact c WHERE c.mobile <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 0) << 55) + (0 << 51) + c.id,
         c.number || ' ' || ltrim(csm_digits(c.number), '0'), 2, c.id, 0, c.active = 0
    FROM consumer c
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 1) << 55) + (1 << 51) + c.id,
         COALESCE(c.first_name || ' ', '') || COALESCE(c.middle_name || ' ', '') || c.last_name || COALESCE(' ' || c.suffix, ''), 2, c.id, 1, c.active = 0
    FROM consumer c
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (2 << 51) + c.id,
         c.email, 2, c.id, 2, c.active = 0
    FROM consumer c WHERE c.email <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (3 << 51) + c.id,
         csm_digits(c.mobile_phone)
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 10 THEN ' ' || substr(csm_digits(c.mobile_phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 7 THEN ' ' || substr(csm_digits(c.mobile_phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.mobile_phone)) > 4 THEN ' ' || substr(csm_digits(c.mobile_phone), -4) ELSE '' END
          , 2, c.id, 3, c.active = 0
    FROM consumer c WHERE c.mobile_phone <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (4 << 51) + c.id,
         csm_digits(c.home_phone)
           || CASE WHEN length(csm_digits(c.home_phone)) > 10 THEN ' ' || substr(csm_digits(c.home_phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 7 THEN ' ' || substr(csm_digits(c.home_phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.home_phone)) > 4 THEN ' ' || substr(csm_digits(c.home_phone), -4) ELSE '' END
          , 2, c.id, 4, c.active = 0
    FROM consumer c WHERE c.home_phone <> ''
  UNION ALL
  SELECT (2 << 59) + ((4 * (c.active = 0) + 2) << 55) + (5 << 51) + c.id,
         csm_digits(c.business_phone)
           || CASE WHEN length(csm_digits(c.business_phone)) > 10 THEN ' ' || substr(csm_digits(c.business_phone), -10) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 7 THEN ' ' || substr(csm_digits(c.business_phone), -7) ELSE '' END
           || CASE WHEN length(csm_digits(c.business_phone)) > 4 THEN ' ' || substr(csm_digits(c.business_phone), -4) ELSE '' END
          , 2, c.id, 5, c.active = 0
    FROM consumer c WHERE c.business_phone <> ''
  UNION ALL
  SELECT (3 << 59) + ((4 * (h.active = 0) + 0) << 55) + (0 << 51) + h.id,
         h.number || ' ' || ltrim(csm_digits(h.number), '0'), 3, h.id, 0, h.active = 0
    FROM household h
  UNION ALL
  SELECT (3 << 59) + ((4 * (h.active = 0) + 1) << 55) + (1 << 51) + h.id,
         h.name, 3, h.id, 1, h.active = 0
    FROM household h
  UNION ALL
  SELECT (4 << 59) + ((4 * (1 = 0) + 0) << 55) + (0 << 51) + k.id,
         k.number || ' ' || ltrim(csm_digits(k.number), '0'), 4, k.id, 0, 1 = 0
    FROM cases k
  UNION ALL
  SELECT (4 << 59) + ((4 * (1 = 0) + 1) << 55) + (1 << 51) + k.id,
         k.short_description, 4, k.id, 1, 1 = 0
    FROM cases k
  UNION ALL
  SELECT (5 << 59) + ((4 * (i.state <> 'inactive' = 0) + 0) << 55) + (0 << 51) + i.id,
         i.number || ' ' || ltrim(csm_digits(i.number), '0'), 5, i.id, 0, i.state <> 'inactive' = 0
    FROM install_base_item i
  UNION ALL
  SELECT (5 << 59) + ((4 * (i.state <> 'inactive' = 0) + 1) << 55) + (1 << 51) + i.id,
         i.name, 5, i.id, 1, i.state <> 'inactive' = 0
    FROM install_base_item i
  UNION ALL
  SELECT (5 << 59) + ((4 * (i.state <> 'inactive' = 0) + 0) << 55) + (2 << 51) + i.id,
         i.serial_number, 5, i.id, 2, i.state <> 'inactive' = 0
    FROM install_base_item i WHERE i.serial_number <> ''
  UNION ALL
  SELECT (6 << 59) + ((4 * (s.active = 0) + 0) << 55) + (0 << 51) + s.id,
         s.number || ' ' || ltrim(csm_digits(s.number), '0'), 6, s.id, 0, s.active = 0
    FROM sold_product s JOIN product p ON p.id = s.product_id
  UNION ALL
  SELECT (6 << 59) + ((4 * (s.active = 0) + 1) << 55) + (1 << 51) + s.id,
         p.name, 6, s.id, 1, s.active = 0
    FROM sold_product s JOIN product p ON p.id = s.product_id;

CREATE VIRTUAL TABLE search_fts USING fts5(
  value,
  content = 'search_source',
  content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4 5 6 7 8'
);

-- account
CREATE TRIGGER search_account_insert AFTER INSERT ON account WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 0 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_account_delete BEFORE DELETE ON account WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 0 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_account_update_old BEFORE UPDATE OF id, number, name, code, phone, active ON account
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 0 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_account_update_new AFTER UPDATE OF id, number, name, code, phone, active ON account
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 0 AND rec_id = NEW.id;
END;

-- contact
CREATE TRIGGER search_contact_insert AFTER INSERT ON contact WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 1 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_contact_delete BEFORE DELETE ON contact WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 1 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_contact_update_old BEFORE UPDATE OF id, number, first_name, last_name, email, phone, mobile, active ON contact
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 1 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_contact_update_new AFTER UPDATE OF id, number, first_name, last_name, email, phone, mobile, active ON contact
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 1 AND rec_id = NEW.id;
END;

-- consumer
CREATE TRIGGER search_consumer_insert AFTER INSERT ON consumer WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 2 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_consumer_delete BEFORE DELETE ON consumer WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 2 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_consumer_update_old BEFORE UPDATE OF id, number, first_name, middle_name, last_name, suffix, email, mobile_phone, home_phone, business_phone, active ON consumer
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 2 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_consumer_update_new AFTER UPDATE OF id, number, first_name, middle_name, last_name, suffix, email, mobile_phone, home_phone, business_phone, active ON consumer
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 2 AND rec_id = NEW.id;
END;

-- household
CREATE TRIGGER search_household_insert AFTER INSERT ON household WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 3 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_household_delete BEFORE DELETE ON household WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 3 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_household_update_old BEFORE UPDATE OF id, number, name, active ON household
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 3 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_household_update_new AFTER UPDATE OF id, number, name, active ON household
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 3 AND rec_id = NEW.id;
END;

-- cases
CREATE TRIGGER search_cases_insert AFTER INSERT ON cases WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 4 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_cases_delete BEFORE DELETE ON cases WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 4 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_cases_update_old BEFORE UPDATE OF id, number, short_description ON cases
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 4 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_cases_update_new AFTER UPDATE OF id, number, short_description ON cases
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 4 AND rec_id = NEW.id;
END;

-- install_base_item
CREATE TRIGGER search_install_base_item_insert AFTER INSERT ON install_base_item WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 5 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_install_base_item_delete BEFORE DELETE ON install_base_item WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 5 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_install_base_item_update_old BEFORE UPDATE OF id, number, name, serial_number, state ON install_base_item
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 5 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_install_base_item_update_new AFTER UPDATE OF id, number, name, serial_number, state ON install_base_item
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 5 AND rec_id = NEW.id;
END;

-- sold_product
CREATE TRIGGER search_sold_product_insert AFTER INSERT ON sold_product WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 6 AND rec_id = NEW.id;
END;
CREATE TRIGGER search_sold_product_delete BEFORE DELETE ON sold_product WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 6 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_sold_product_update_old BEFORE UPDATE OF id, number, product_id, active ON sold_product
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source WHERE kind = 6 AND rec_id = OLD.id;
END;
CREATE TRIGGER search_sold_product_update_new AFTER UPDATE OF id, number, product_id, active ON sold_product
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source WHERE kind = 6 AND rec_id = NEW.id;
END;

-- A sold product is found by its product's name: follow renames.
CREATE TRIGGER search_product_rename_old BEFORE UPDATE OF name ON product
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(search_fts, rowid, value)
    SELECT 'delete', rid, value FROM search_source
     WHERE kind = 6 AND field = 1
       AND rec_id IN (SELECT id FROM sold_product WHERE product_id = OLD.id);
END;
CREATE TRIGGER search_product_rename_new AFTER UPDATE OF name ON product
WHEN csm_index_on() BEGIN
  INSERT INTO search_fts(rowid, value)
    SELECT rid, value FROM search_source
     WHERE kind = 6 AND field = 1
       AND rec_id IN (SELECT id FROM sold_product WHERE product_id = NEW.id);
END;

-- --------------------------------------------- the records already there
-- A database upgraded to this version holds records the triggers above
-- never saw: index them now (a new database has none; 'csm check' reports
-- an index out of step with its tables).
INSERT INTO search_fts(search_fts) VALUES ('rebuild');
