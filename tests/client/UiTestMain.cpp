// SPDX-License-Identifier: MIT
// The UI tests need a QApplication (widgets, offscreen platform); GoogleTest runs inside it.
// Offscreen unless told otherwise: the build lists the tests (gtest_discover_tests) on
// machines with no display, and the tests never need one.
#include <QApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
