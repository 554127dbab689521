// SPDX-License-Identifier: MIT
#pragma once

#include "replica/Replica.h"

#include <QCoreApplication>
#include <QString>

#include <string>

namespace yanghu::client {

// The asset card in words, as the work order and the Assets screen show it: kind and code,
// street and chainage, status and condition, the kind's attributes, and the last works on it
// (newest first). Plain text, one fact a line; "" when the replica does not have the asset.
class AssetCard {
    Q_DECLARE_TR_FUNCTIONS(yanghu::client::AssetCard)
public:
    static constexpr int kLastWorks = 5;
    static QString describe(const Replica& replica, const std::string& assetId);
    // The first line alone: "Storm-drain inlet YS-00412 · 中山路 · chainage 120 m".
    static QString headline(const Replica& replica, const Json& asset);
};

} // namespace yanghu::client
