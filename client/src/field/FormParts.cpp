// SPDX-License-Identifier: MIT
#include "field/FormParts.h"

#include <QFileInfo>
#include <QIcon>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>

namespace yanghu::client {

void appendPhotoItems(QListWidget& list, const QStringList& files)
{
    for (const QString& file : files) {
        QImageReader reader(file);
        reader.setAutoTransform(true); // camera photos stand upright
        const QSize size = reader.size();
        if (size.isValid()) reader.setScaledSize(size.scaled(list.iconSize(), Qt::KeepAspectRatio));
        const QImage thumbnail = reader.read();
        auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(thumbnail)), QFileInfo(file).fileName(), &list);
        item->setData(Qt::UserRole, file);
        item->setToolTip(file);
    }
}

QStringList photoFiles(const QListWidget& list)
{
    QStringList files;
    for (int i = 0; i < list.count(); ++i) files << list.item(i)->data(Qt::UserRole).toString();
    return files;
}

QLabel* makeProblemLabel(QWidget* parent, const std::string& field)
{
    auto* l = new QLabel(parent);
    l->setObjectName(QString::fromStdString(field + "Problem"));
    l->setStyleSheet(QStringLiteral("color: #b00020;"));
    l->setWordWrap(true);
    l->hide();
    return l;
}

} // namespace yanghu::client
