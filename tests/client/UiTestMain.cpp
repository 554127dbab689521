// SPDX-License-Identifier: MIT
// The UI tests need a QApplication (widgets, offscreen platform); GoogleTest runs inside it.
#include <QApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
