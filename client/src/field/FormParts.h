// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <string>

class QLabel;
class QListWidget;
class QWidget;

namespace yanghu::client {

// The photos a form will attach, as thumbnails in `list` (icon mode); each item keeps its
// file's path. A file that is no picture shows without one: saving says why it was refused.
void appendPhotoItems(QListWidget& list, const QStringList& files);
QStringList photoFiles(const QListWidget& list);

// The hidden red line under a form's part where its problems are said, named
// "<field>Problem" (tests and screen readers find it by that name).
QLabel* makeProblemLabel(QWidget* parent, const std::string& field);

} // namespace yanghu::client
