-- SPDX-License-Identifier: MIT
-- The asset list (issue 5): what the Assets table and the map show, one row per live asset,
-- copied out of replica_row's JSON by triggers, so every path that writes, settles, removes or
-- re-downloads a row keeps it true without knowing about it. A dispatcher's replica of a
-- large city holds 200k+ assets: the table sorts and pages over these indexed columns, never
-- over JSON. A trigger is one statement ending at a line `END;` (the migrator knows).
--   street_name  the street row's name, when the replica has that street (either may come first)
--   lon, lat     the asset's first geometry point (GeoJSON order: [lon, lat]); geometry: the
--                whole line, for linear assets
CREATE TABLE asset_list (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    status          TEXT NOT NULL,
    street_id       TEXT,
    street_name     TEXT,
    chainage_m      REAL,
    condition_grade INTEGER,
    lon             REAL,
    lat             REAL,
    geometry        TEXT
);
CREATE INDEX asset_list_code ON asset_list (code);
CREATE INDEX asset_list_kind ON asset_list (kind, code);
CREATE INDEX asset_list_status ON asset_list (status, code);
CREATE INDEX asset_list_street ON asset_list (street_name, chainage_m, code);
CREATE INDEX asset_list_street_id ON asset_list (street_id);
CREATE INDEX asset_list_condition ON asset_list (condition_grade, code);

-- What a live asset row of replica_row lists as (the triggers and the first fill share it).
CREATE VIEW asset_list_source AS
SELECT a.id, COALESCE(json_extract(a.body, '$.code'), '') AS code, COALESCE(a.kind, '') AS kind,
       COALESCE(a.status, '') AS status, a.street_id,
       (SELECT json_extract(s.body, '$.name') FROM replica_row s
        WHERE s.entity = 'street' AND s.id = a.street_id AND s.deleted = 0) AS street_name,
       json_extract(a.body, '$.chainage_from_m') AS chainage_m, json_extract(a.body, '$.condition_grade') AS condition_grade,
       json_extract(a.body, '$.geometry[0][0]') AS lon, json_extract(a.body, '$.geometry[0][1]') AS lat,
       CASE WHEN json_array_length(a.body, '$.geometry') > 1 THEN json_extract(a.body, '$.geometry') END AS geometry
FROM replica_row a WHERE a.entity = 'asset' AND a.deleted = 0;

CREATE TRIGGER asset_list_insert AFTER INSERT ON replica_row WHEN NEW.entity = 'asset' BEGIN
    DELETE FROM asset_list WHERE id = NEW.id;
    INSERT INTO asset_list SELECT * FROM asset_list_source WHERE id = NEW.id;
END;
CREATE TRIGGER asset_list_update AFTER UPDATE ON replica_row WHEN NEW.entity = 'asset' BEGIN
    DELETE FROM asset_list WHERE id = NEW.id;
    INSERT INTO asset_list SELECT * FROM asset_list_source WHERE id = NEW.id;
END;
CREATE TRIGGER asset_list_delete AFTER DELETE ON replica_row WHEN OLD.entity = 'asset' BEGIN
    DELETE FROM asset_list WHERE id = OLD.id;
END;
CREATE TRIGGER asset_list_street_insert AFTER INSERT ON replica_row WHEN NEW.entity = 'street' BEGIN
    UPDATE asset_list SET street_name = CASE WHEN NEW.deleted = 0 THEN json_extract(NEW.body, '$.name') END
    WHERE street_id = NEW.id;
END;
CREATE TRIGGER asset_list_street_update AFTER UPDATE ON replica_row WHEN NEW.entity = 'street' BEGIN
    UPDATE asset_list SET street_name = CASE WHEN NEW.deleted = 0 THEN json_extract(NEW.body, '$.name') END
    WHERE street_id = NEW.id;
END;
CREATE TRIGGER asset_list_street_delete AFTER DELETE ON replica_row WHEN OLD.entity = 'street' BEGIN
    UPDATE asset_list SET street_name = NULL WHERE street_id = OLD.id;
END;

-- Which work orders name which asset (work_order.asset_ids), for the asset card's last works:
-- without it, the card would read every order's JSON.
CREATE TABLE work_order_asset (
    work_order_id TEXT NOT NULL,
    asset_id      TEXT NOT NULL,
    PRIMARY KEY (asset_id, work_order_id)
) WITHOUT ROWID;
CREATE INDEX work_order_asset_order ON work_order_asset (work_order_id);
CREATE TRIGGER work_order_asset_insert AFTER INSERT ON replica_row WHEN NEW.entity = 'work_order' BEGIN
    DELETE FROM work_order_asset WHERE work_order_id = NEW.id;
    INSERT OR IGNORE INTO work_order_asset SELECT NEW.id, value FROM json_each(NEW.body, '$.asset_ids')
    WHERE NEW.deleted = 0 AND type = 'text';
END;
CREATE TRIGGER work_order_asset_update AFTER UPDATE ON replica_row WHEN NEW.entity = 'work_order' BEGIN
    DELETE FROM work_order_asset WHERE work_order_id = NEW.id;
    INSERT OR IGNORE INTO work_order_asset SELECT NEW.id, value FROM json_each(NEW.body, '$.asset_ids')
    WHERE NEW.deleted = 0 AND type = 'text';
END;
CREATE TRIGGER work_order_asset_delete AFTER DELETE ON replica_row WHEN OLD.entity = 'work_order' BEGIN
    DELETE FROM work_order_asset WHERE work_order_id = OLD.id;
END;

-- A replica made before this migration: its assets, as the triggers would have written them.
INSERT INTO asset_list SELECT * FROM asset_list_source;
INSERT OR IGNORE INTO work_order_asset SELECT o.id, j.value FROM replica_row o, json_each(o.body, '$.asset_ids') j
WHERE o.entity = 'work_order' AND o.deleted = 0 AND j.type = 'text';
