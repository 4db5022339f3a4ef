import Foundation
import GoalWorkflow
import Testing

/// 运行监控: 填报 → 单位负责人 → 主管部门 → 财政, 退回 by whoever's turn it is, and 整改.
@Suite struct MonitoringWorkflowTests {
    private func moves(_ a: MonitoringAction, _ r: Role, _ s: MonitoringStatus, _ rect: RectificationStatus = .none)
        -> MonitoringWorkflow.Outcome
    {
        MonitoringWorkflow.outcome(of: a, by: r, status: s, rectification: rect)
    }

    @Test func theWholeWayThroughEachStepByItsOwnRole() {
        #expect(moves(.submit, .filler, .filling) == .moves(.submitted, .none))
        #expect(moves(.confirm, .unitHead, .submitted) == .moves(.confirmed, .none))
        #expect(moves(.departmentReview, .businessReviewer, .confirmed) == .moves(.departmentReviewed, .none))
        #expect(moves(.accept, .financeReviewer, .departmentReviewed) == .moves(.accepted, .none))
        #expect(moves(.accept, .performanceReviewer, .departmentReviewed) == .moves(.accepted, .none))
    }

    @Test func withoutTheHeadsConfirmationOrByTheHeadSubmissionGoesStraightToTheDepartment() {
        #expect(
            MonitoringWorkflow.outcome(
                of: .submit, by: .filler, status: .filling, rectification: .none,
                headConfirmation: false) == .moves(.confirmed, .none))
        #expect(
            MonitoringWorkflow.outcome(
                of: .submit, by: .unitHead, status: .filling, rectification: .none,
                headConfirmation: true) == .moves(.confirmed, .none))
    }

    @Test func aStepOutOfTurnIsRefusedSayingWhatItNeeds() {
        guard case .refused(let r) = moves(.departmentReview, .businessReviewer, .submitted) else {
            Issue.record("主管部门 cannot review before the unit head confirmed"); return
        }
        #expect(r.message.contains("待单位负责人确认") && r.message.contains("待主管部门审核"))
        // a filler never confirms as the head, and finance never fills
        #expect(moves(.confirm, .filler, .submitted) == .refused(.roleNotAllowed(action: .confirm, role: .filler)))
        #expect(!moves(.submit, .financeReviewer, .filling).isPossible)
    }

    @Test func sendBackOnlyByWhoseTurnItIsAndAlwaysToFilling() {
        #expect(moves(.sendBack, .unitHead, .submitted) == .moves(.filling, .none))
        #expect(moves(.sendBack, .businessReviewer, .confirmed) == .moves(.filling, .none))
        #expect(moves(.sendBack, .financeReviewer, .departmentReviewed) == .moves(.filling, .none))
        // the department cannot send back what finance holds
        #expect(!moves(.sendBack, .businessReviewer, .departmentReviewed).isPossible)
        #expect(MonitoringWorkflow.precondition(of: .sendBack, comment: "  ") == .commentRequired(.sendBack))
        #expect(MonitoringWorkflow.precondition(of: .sendBack, comment: "执行率填错") == nil)
    }

    @Test func rectificationRequestedAnsweredConfirmedAndAgain() {
        #expect(!moves(.requestRectification, .financeReviewer, .filling).isPossible)
        #expect(moves(.requestRectification, .financeReviewer, .accepted) == .moves(.accepted, .requested))
        #expect(moves(.answerRectification, .filler, .accepted, .requested) == .moves(.accepted, .answered))
        #expect(!moves(.confirmRectification, .financeReviewer, .accepted, .requested).isPossible)
        #expect(moves(.confirmRectification, .financeReviewer, .accepted, .answered) == .moves(.accepted, .confirmed))
        #expect(moves(.requestRectification, .performanceReviewer, .accepted, .confirmed) == .moves(.accepted, .requested))
        #expect(MonitoringWorkflow.precondition(of: .requestRectification, comment: nil)?.message == "提出整改要求时必须填写整改要求")
    }

    @Test func submissionNamesTheRowsStillMissingAReason() {
        let refusal = MonitoringWorkflow.precondition(
            of: .submit, comment: nil,
            missing: ["第2行“培训人数”：红灯须填写偏差原因", "第5行“满意度”：黄灯须填写偏差原因"])
        #expect(refusal?.message.contains("2 处") == true)
        #expect(refusal?.message.contains("第2行“培训人数”") == true)
        #expect(MonitoringWorkflow.precondition(of: .submit, comment: nil) == nil)
    }

    @Test func overdueIsAfterTheDueDayInBeijingAndOnlyWhileFilling() {
        let due = Date(timeIntervalSince1970: 1_785_427_200) // 2026-07-31 00:00 Beijing (= 07-30 16:00 UTC)
        let lateThatDay = due.addingTimeInterval(23 * 3600)
        let nextMorning = due.addingTimeInterval(25 * 3600)
        #expect(!MonitoringWorkflow.isOverdue(status: .filling, due: due, now: lateThatDay))
        #expect(MonitoringWorkflow.isOverdue(status: .filling, due: due, now: nextMorning))
        #expect(!MonitoringWorkflow.isOverdue(status: .submitted, due: due, now: nextMorning))
        // the 总览 says it in SQL as "due before the start of today (Beijing)": the same answer
        #expect(Workflow.startOfDay(lateThatDay) == due && Workflow.startOfDay(nextMorning) == due.addingTimeInterval(86_400))
        for offset in stride(from: -30.0, through: 30, by: 0.5) {
            let d = due.addingTimeInterval(offset * 3600 + 0.25), now = due.addingTimeInterval(25 * 3600)
            #expect(MonitoringWorkflow.isOverdue(status: .filling, due: d, now: now) == (d < Workflow.startOfDay(now)))
        }
    }

    @Test func onlyTheUnitEditsAndOnlyWhileFilling() {
        #expect(MonitoringWorkflow.editable(by: .filler, status: .filling))
        #expect(!MonitoringWorkflow.editable(by: .filler, status: .submitted))
        #expect(!MonitoringWorkflow.editable(by: .financeReviewer, status: .filling))
        #expect(MonitoringWorkflow.periodLabel(7) == "1-7月")
    }
}
