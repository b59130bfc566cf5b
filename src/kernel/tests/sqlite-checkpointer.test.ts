import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase, sqliteFilePath } from '../db/database.ts';

/** Waits for a condition the checkpointing thread brings about, or fails after a generous limit. */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.ok(condition(), `${what} never happened`);
}

test('background checkpoints: the writing connection never checkpoints, the thread copies the log into the file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-checkpoint-'));
  const db = await openDatabase({ dataDir: dir, backgroundCheckpoints: true });
  try {
    const sqlite = db.sqlite!;
    assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 0);
    sqlite.exec('create table t (id integer primary key, text text not null)');
    const insert = sqlite.prepare('insert into t (text) values (?)');
    sqlite.transaction(() => { for (let i = 0; i < 4000; i++) insert.run('x'.repeat(1000)); })();
    // About 4 MB committed to the log; the database file holds it only once a checkpoint has run.
    const file = sqliteFilePath(dir);
    await eventually(() => fs.statSync(file).size > 4_000_000, 'a checkpoint into the database file');
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without background checkpoints SQLite keeps its own (the default of 1,000 pages)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-checkpoint-'));
  const db = await openDatabase({ dataDir: dir });
  try {
    assert.equal(db.sqlite!.pragma('wal_autocheckpoint', { simple: true }), 1000);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('stopping the thread hands checkpoints back to the writing connection', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-checkpoint-'));
  const { startSqliteCheckpointer } = await import('../db/sqlite-checkpointer.ts');
  const db = await openDatabase({ dataDir: dir });
  try {
    const sqlite = db.sqlite!;
    const checkpointer = startSqliteCheckpointer(sqlite, sqliteFilePath(dir), 10);
    assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 0);
    sqlite.exec('create table t (id integer primary key, text text not null); insert into t (text) values (\'a\')');
    const pages = await checkpointer.stop();
    assert.ok(pages > 0, 'the thread copied the pages written');
    assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 1000);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
