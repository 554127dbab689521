// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

#include "yanghu/core/Result.h"

#include <string_view>

namespace yanghu::client {

// The words the UI shows for the wire's enum values, translated. An unknown value (a newer
// server) is shown as it came.
class Labels {
    Q_DECLARE_TR_FUNCTIONS(yanghu::client::Labels)
public:
    static QString workOrderStatus(std::string_view status);
    static QString trafficImpact(std::string_view impact);
    static QString priority(int priority); // "P1 urgent" .. "P4"
    static QString shiftKind(std::string_view kind);
    static QString role(std::string_view role);
    static QString assetKind(std::string_view kind);
    static QString assetStatus(std::string_view status);
    static QString measure(std::string_view measure); // "m2_relaid" -> "m² relaid"
    static QString defectCategory(std::string_view category);
    static QString severity(int severity); // 1..4, 4 = immediate hazard
    // One problem with a field, in words ("Required.", "The end is before the start.").
    static QString fieldProblem(const FieldError& problem);
    // An error for a status line: its code and, when there is one, the detail
    // ("storage_failed: database disk image is malformed").
    static QString errorText(const Error& error);
};

} // namespace yanghu::client
