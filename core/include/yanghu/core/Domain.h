// SPDX-License-Identifier: MIT
#pragma once

#include "yanghu/core/domain/Asset.h"
#include "yanghu/core/domain/Crew.h"
#include "yanghu/core/domain/DefectReport.h"
#include "yanghu/core/domain/Programme.h"
#include "yanghu/core/domain/ShiftCalendar.h"
#include "yanghu/core/domain/Street.h"
#include "yanghu/core/domain/User.h"
#include "yanghu/core/domain/WorkOrder.h"
