// SPDX-License-Identifier: MIT
#include "store/Constraint.h"

#include "yanghu/core/rules/ErrorCodes.h"

#include <regex>

namespace yanghu::store {

std::optional<Error> uniqueViolation(const Poco::Exception& e)
{
    const std::string text = e.displayText();
    std::smatch m;
    // SQLite: "UNIQUE constraint failed: asset.code" (or "asset.kind, asset.source_id").
    static const std::regex sqlite(R"(UNIQUE constraint failed: \w+\.(\w+))");
    if (std::regex_search(text, m, sqlite))
        return Error::of(std::string(codes::Duplicate), {{"field", m[1].str()}});
    // PostgreSQL: "duplicate key value violates unique constraint ..." + "Key (code)=(YS-1)".
    if (text.find("duplicate key value violates unique constraint") != std::string::npos) {
        static const std::regex key(R"(Key \(([^)]*)\)=\((.*)\) already exists)");
        if (std::regex_search(text, m, key))
            return Error::of(std::string(codes::Duplicate), {{"field", m[1].str()}, {"value", m[2].str()}});
        return Error::of(std::string(codes::Duplicate));
    }
    return std::nullopt;
}

} // namespace yanghu::store
