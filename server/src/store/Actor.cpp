// SPDX-License-Identifier: MIT
#include "store/Actor.h"

namespace yanghu::store {

namespace {
const Actor kNobody{};
thread_local const Actor* t_actor = &kNobody;
} // namespace

const Actor& currentActor() { return *t_actor; }

ActingAs::ActingAs(Actor actor) : m_actor(std::move(actor)), m_outer(t_actor) { t_actor = &m_actor; }

ActingAs::~ActingAs() { t_actor = m_outer; }

} // namespace yanghu::store
