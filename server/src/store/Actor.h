// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/sync/Merge.h"

#include <string>

namespace yanghu::store {

// Who the writes of the current thread are made for: recorded with every change_log entry
// (migrations/server/0004_sync_push.sql), so the merge rules know which side last changed a
// field. The HTTP layer sets the authenticated caller for the duration of one request
// (ActingAs); a Tx copies the actor when it starts. Writes outside any request (imports, the
// admin command line) are the office's, with no user.
struct Actor {
    std::string userId;                  // empty: no signed-in user
    sync::Side side = sync::Side::Office;
    std::string clientId;                // the replica of a pushed edit; empty for other writes
};

// The actor of this thread: the innermost live ActingAs, else the anonymous office.
const Actor& currentActor();

// Sets the current thread's actor while it lives; scopes nest and restore the outer actor.
// Not copyable: it must end on the thread that made it, in reverse order of creation.
class ActingAs {
public:
    explicit ActingAs(Actor actor);
    ~ActingAs();
    ActingAs(const ActingAs&) = delete;
    ActingAs& operator=(const ActingAs&) = delete;

private:
    Actor m_actor;
    const Actor* m_outer;
};

} // namespace yanghu::store
