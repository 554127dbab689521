// SPDX-License-Identifier: MIT
#pragma once

#include <cassert>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace yanghu {

// One problem with one field of an input. `code` is stable and machine-readable
// ("required", "out_of_range", ...); `params` carries the numbers a person needs
// ("min" -> "1", "max" -> "5"). Core never writes sentences: the client turns codes into
// tr() strings, the server into problem+json.
struct FieldError {
    std::string field;
    std::string code;
    std::map<std::string, std::string> params;

    bool operator==(const FieldError&) const = default;
};

// An expected failure: validation, not found, conflict, a transition the rules forbid.
// `code` names the failure as a whole ("validation_failed", "transition_forbidden", ...).
struct Error {
    std::string code;
    std::vector<FieldError> fields;
    std::map<std::string, std::string> params;

    static Error of(std::string code, std::map<std::string, std::string> params = {})
    {
        return Error{std::move(code), {}, std::move(params)};
    }
    static Error validation(std::vector<FieldError> fields)
    {
        return Error{"validation_failed", std::move(fields), {}};
    }
    bool operator==(const Error&) const = default;
};

// Either a value or an Error (std::expected is C++23; GCC 12 has it only with -std=c++2b).
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(m_v); }
    const T& value() const& { assert(ok()); return std::get<0>(m_v); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { assert(!ok()); return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

struct Ok {};

// For operations that succeed with no value.
using Status = Result<Ok>;
inline Status success() { return Ok{}; }

} // namespace yanghu
