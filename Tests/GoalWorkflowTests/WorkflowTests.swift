import Foundation
import GoalCore
import GoalWorkflow
import Testing

/// The workflow without a server: every action × role × state, the preconditions and the sign-offs.
@Suite("流程规则（无需服务器）")
struct WorkflowRuleTests {
    @Test("申报到批复：每一步只有该步的角色、在该步的状态下才能操作")
    func happyPath() {
        var status = TableStatus.draft, evaluation = EvaluationStatus.draft
        for (action, role, next) in [(WorkflowAction.submit, Role.filler, TableStatus.submitted),
                                      (.businessReview, .businessReviewer, .businessReviewed),
                                      (.performanceReview, .performanceReviewer, .performanceReviewed),
                                      (.approve, .financeReviewer, .approved)] {
            for other in Role.allCases where !action.roles.contains(other) {
                #expect(Workflow.outcome(of: action, by: other, status: status, evaluation: evaluation)
                        == .refused(.roleNotAllowed(action: action, role: other)))
            }
            guard case .moves(let s, let e) = Workflow.outcome(of: action, by: role, status: status, evaluation: evaluation) else {
                Issue.record("\(action) by \(role) in \(status)")
                return
            }
            #expect(s == next)
            status = s; evaluation = e
        }
        #expect(Workflow.outcome(of: .adjust, by: .unitHead, status: status, evaluation: evaluation) == .createsAdjustment)
    }

    @Test("状态不对时说明需要什么状态；退回只能在轮到自己时")
    func wrongStates() {
        let early = Workflow.outcome(of: .approve, by: .financeReviewer, status: .submitted, evaluation: .draft)
        guard case .refused(let refusal) = early else { Issue.record("approve of a submitted table"); return }
        #expect(refusal.message.contains("已提交") && refusal.message.contains("绩效股已审"))
        #expect(!Workflow.outcome(of: .sendBack, by: .performanceReviewer, status: .submitted, evaluation: .draft).isPossible)
        #expect(Workflow.outcome(of: .sendBack, by: .businessReviewer, status: .submitted, evaluation: .draft) == .moves(.draft, .draft))
        #expect(!Workflow.outcome(of: .submitEvaluation, by: .filler, status: .performanceReviewed, evaluation: .draft).isPossible)
        #expect(Workflow.outcome(of: .returnEvaluation, by: .financeReviewer, status: .approved, evaluation: .submitted)
                == .moves(.approved, .draft))
        #expect(!Workflow.outcome(of: .adjust, by: .admin, status: .approved, evaluation: .draft).isPossible)
    }

    @Test("前提：退回须写意见；有错误不能提交；警告须确认；自评有缺项不能提交")
    func preconditions() {
        #expect(Workflow.precondition(of: .sendBack, comment: "  ") == .commentRequired(.sendBack))
        #expect(Workflow.precondition(of: .sendBack, comment: "满意度偏低") == nil)
        let errors = Workflow.precondition(of: .submit, comment: nil, errors: ["缺少年度", "缺少预算单位", "分值合计不是100", "无满意度指标"])
        #expect(errors?.message == "检查发现 4 个错误，改正后才能提交：缺少年度；缺少预算单位；分值合计不是100……")
        #expect(Workflow.precondition(of: .submit, comment: nil, warnings: 2)?.message.contains("勾选") == true)
        #expect(Workflow.precondition(of: .submit, comment: nil, warnings: 2, acknowledgedWarnings: true) == nil)
        #expect(Workflow.precondition(of: .submitEvaluation, comment: nil, evaluationGaps: ["第1行 实际完成值：未填写"])?.message
                .hasPrefix("自评还有 1 处未填写") == true)
    }

    @Test("签署只由流程写：提交写填表人和日期（负责人提交写负责人），审核写审核人和日期；调整清空审核人")
    func signing() {
        let typed = Signoff(filledBy: "张三", phone: "0996-1")
        let submitted = Workflow.sign(typed, action: .submit, by: "李四", role: .filler, on: "2026-12-06")
        #expect(submitted?.filledBy == "李四" && submitted?.filledOn == "2026-12-06" && submitted?.phone == "0996-1")
        #expect(Workflow.sign(typed, action: .submit, by: "王五", role: .unitHead, on: "2026-12-06")?.head == "王五")
        let reviewed = Workflow.sign(submitted, action: .businessReview, by: "赵六", role: .businessReviewer, on: "2026-12-07")
        #expect(reviewed?.businessReviewer == "赵六 2026-12-07")
        #expect(Workflow.sign(reviewed, action: .approve, by: "钱七", role: .financeReviewer, on: "2026-12-08") == reviewed)
        #expect(Workflow.signoffForAdjustment(reviewed)?.businessReviewer == nil)
        // 01:00 in Beijing is still the day before in UTC: the form prints Beijing's date
        let lateUTC = ISO8601DateFormatter().date(from: "2026-12-05T17:00:00Z") ?? Date()
        #expect(Workflow.day(lateUTC) == "2026-12-06")
    }

    @Test("保存范围：草稿全部可改，批复后只改自评，审核中和已取代不能改")
    func editScopes() {
        #expect(Workflow.editScope(status: .draft, evaluation: .draft) == .everything)
        #expect(Workflow.editScope(status: .approved, evaluation: .draft) == .evaluationOnly)
        guard case .nothing(let why) = Workflow.editScope(status: .submitted, evaluation: .draft) else {
            Issue.record("a submitted table must not be editable")
            return
        }
        #expect(why.contains("正在审核中"))
        #expect(Workflow.editScope(status: .superseded, evaluation: .draft) != .everything)
    }

    @Test("自评的锁定说明：已提交时请复核人退回，已复核后不再提“退回”，不写“自评已“已提交””")
    func evaluationLockWording() {
        guard case .nothing(let submitted) = Workflow.editScope(status: .approved, evaluation: .submitted),
              case .nothing(let reviewed) = Workflow.editScope(status: .approved, evaluation: .reviewed) else {
            Issue.record("a submitted or reviewed self-evaluation must not be editable")
            return
        }
        #expect(submitted == "自评已提交，正在复核，不能修改；如需修改，请由复核人退回自评")
        #expect(reviewed == "自评已复核，不能再修改")
        for why in [submitted, reviewed] { #expect(!why.contains("“已")) }
    }
}
