// Prepares every statement the store runs, once, after migrations; the store only ever calls these.
import type { SqliteDatabase } from './driver.js';
import { appendEvent } from './sql/append-event.js';
import { claimUnique } from './sql/claim-unique.js';
import { countStreams } from './sql/count-streams.js';
import { deleteCheckpoint } from './sql/delete-checkpoint.js';
import { deleteCollection } from './sql/delete-collection.js';
import { deleteDocument } from './sql/delete-document.js';
import { deleteMember } from './sql/delete-member.js';
import { deleteSnapshot } from './sql/delete-snapshot.js';
import { deleteUnique } from './sql/delete-unique.js';
import { eventById } from './sql/event-by-id.js';
import { eventsByIds } from './sql/events-by-ids.js';
import { getDocument } from './sql/get-document.js';
import { headPosition } from './sql/head-position.js';
import { heartbeatMember } from './sql/heartbeat-member.js';
import { listCheckpoints } from './sql/list-checkpoints.js';
import { listDocuments } from './sql/list-documents.js';
import { listLeases } from './sql/list-leases.js';
import { listMembers } from './sql/list-members.js';
import { listStreams } from './sql/list-streams.js';
import { ping } from './sql/ping.js';
import { putDocument } from './sql/put-document.js';
import { readAll } from './sql/read-all.js';
import { readCheckpoint } from './sql/read-checkpoint.js';
import { readLease } from './sql/read-lease.js';
import { readSnapshot } from './sql/read-snapshot.js';
import { readStreamBackward } from './sql/read-stream-backward.js';
import { readStreamForward } from './sql/read-stream-forward.js';
import { releaseUnique } from './sql/release-unique.js';
import { resetUniques } from './sql/reset-uniques.js';
import { setUnique } from './sql/set-unique.js';
import { streamInfo } from './sql/stream-info.js';
import { streamRevision } from './sql/stream-revision.js';
import { transactionControl } from './sql/transaction-control.js';
import { uniqueOwner } from './sql/unique-owner.js';
import { upsertStream } from './sql/upsert-stream.js';
import { writeCheckpoint } from './sql/write-checkpoint.js';
import { writeLease } from './sql/write-lease.js';
import { writeSnapshot } from './sql/write-snapshot.js';

export function prepareStatements(db: SqliteDatabase) {
  return {
    tx: transactionControl(db),
    appendEvent: appendEvent(db),
    upsertStream: upsertStream(db),
    streamRevision: streamRevision(db),
    eventsByIds: eventsByIds(db),
    eventById: eventById(db),
    readStreamForward: readStreamForward(db),
    readStreamBackward: readStreamBackward(db),
    readAll: readAll(db),
    headPosition: headPosition(db),
    streamInfo: streamInfo(db),
    listStreams: listStreams(db),
    countStreams: countStreams(db),
    claimUnique: claimUnique(db),
    releaseUnique: releaseUnique(db),
    uniqueOwner: uniqueOwner(db),
    setUnique: setUnique(db),
    deleteUnique: deleteUnique(db),
    resetUniques: resetUniques(db),
    readSnapshot: readSnapshot(db),
    writeSnapshot: writeSnapshot(db),
    deleteSnapshot: deleteSnapshot(db),
    readCheckpoint: readCheckpoint(db),
    writeCheckpoint: writeCheckpoint(db),
    deleteCheckpoint: deleteCheckpoint(db),
    listCheckpoints: listCheckpoints(db),
    readLease: readLease(db),
    writeLease: writeLease(db),
    listLeases: listLeases(db),
    heartbeatMember: heartbeatMember(db),
    listMembers: listMembers(db),
    deleteMember: deleteMember(db),
    getDocument: getDocument(db),
    putDocument: putDocument(db),
    deleteDocument: deleteDocument(db),
    deleteCollection: deleteCollection(db),
    listDocuments: listDocuments(db),
    ping: ping(db),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
