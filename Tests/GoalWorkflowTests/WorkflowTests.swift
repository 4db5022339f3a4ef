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
        for (action, role, next) in [
            (WorkflowAction.submit, Role.filler, TableStatus.submitted),
            (.businessReview, .businessReviewer, .businessReviewed),
            (.performanceReview, .performanceReviewer, .performanceReviewed),
            (.approve, .financeReviewer, .approved),
        ] {
            for other in Role.allCases where !action.roles.contains(other) {
                #expect(
                    Workflow.outcome(of: action, by: other, status: status, evaluation: evaluation)
                        == .refused(.roleNotAllowed(action: action, role: other)))
            }
            guard case .moves(let s, let e) = Workflow.outcome(of: action, by: role, status: status, evaluation: evaluation)
            else {
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
        #expect(
            Workflow.outcome(of: .sendBack, by: .businessReviewer, status: .submitted, evaluation: .draft)
                == .moves(.draft, .draft))
        #expect(
            !Workflow.outcome(of: .submitEvaluation, by: .filler, status: .performanceReviewed, evaluation: .draft).isPossible)
        #expect(
            Workflow.outcome(of: .returnEvaluation, by: .financeReviewer, status: .approved, evaluation: .submitted)
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
        #expect(
            Workflow.precondition(of: .submitEvaluation, comment: nil, evaluationGaps: ["第1行 实际完成值：未填写"])?.message
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
            case .nothing(let reviewed) = Workflow.editScope(status: .approved, evaluation: .reviewed)
        else {
            Issue.record("a submitted or reviewed self-evaluation must not be editable")
            return
        }
        #expect(submitted == "自评已提交，正在复核，不能修改；如需修改，请由复核人退回自评")
        #expect(reviewed == "自评已复核，不能再修改")
        for why in [submitted, reviewed] { #expect(!why.contains("“已")) }
    }

    @Test("单位负责人确认：机构要求时，填报人提交后先到负责人，负责人确认后才进入审核；负责人可退回；期间不能修改")
    func headConfirmation() {
        #expect(
            Workflow.outcome(of: .submit, by: .filler, status: .draft, evaluation: .draft, headConfirmation: true)
                == .moves(.awaitingConfirmation, .draft))
        #expect(Workflow.label(of: .submit, by: .filler, headConfirmation: true) == "提交单位负责人确认")
        #expect(Workflow.label(of: .submit, by: .filler, headConfirmation: false) == "提交审核")
        // the head's own submission is its confirmation; without the setting nothing changes
        #expect(
            Workflow.outcome(of: .submit, by: .unitHead, status: .draft, evaluation: .draft, headConfirmation: true)
                == .moves(.submitted, .draft))
        #expect(Workflow.outcome(of: .submit, by: .filler, status: .draft, evaluation: .draft) == .moves(.submitted, .draft))
        // only the head confirms, only while the table waits for it
        #expect(
            Workflow.outcome(of: .confirm, by: .unitHead, status: .awaitingConfirmation, evaluation: .draft)
                == .moves(.submitted, .draft))
        #expect(
            Workflow.outcome(of: .confirm, by: .filler, status: .awaitingConfirmation, evaluation: .draft)
                == .refused(.roleNotAllowed(action: .confirm, role: .filler)))
        #expect(!Workflow.outcome(of: .confirm, by: .unitHead, status: .draft, evaluation: .draft).isPossible)
        #expect(
            !Workflow.outcome(of: .businessReview, by: .businessReviewer, status: .awaitingConfirmation, evaluation: .draft)
                .isPossible)
        // the head sends back to the filler, with a comment; a reviewer cannot act on it yet
        #expect(
            Workflow.outcome(of: .sendBack, by: .unitHead, status: .awaitingConfirmation, evaluation: .draft)
                == .moves(.draft, .draft))
        #expect(!Workflow.outcome(of: .sendBack, by: .unitHead, status: .submitted, evaluation: .draft).isPossible)
        #expect(
            !Workflow.outcome(of: .sendBack, by: .businessReviewer, status: .awaitingConfirmation, evaluation: .draft).isPossible)
        guard case .nothing(let why) = Workflow.editScope(status: .awaitingConfirmation, evaluation: .draft) else {
            Issue.record("a table awaiting confirmation must not be editable")
            return
        }
        #expect(why.contains("等待单位负责人确认"))
        // the confirmation signs the form's 单位负责人 line
        let signed = Workflow.sign(Signoff(filledBy: "李四"), action: .confirm, by: "王五", role: .unitHead, on: "2026-12-06")
        #expect(signed?.head == "王五" && signed?.filledBy == "李四")
    }

    @Test("调整提交须写调整理由；批复须有批复文号，日期须是真实日期，二者写在表上，调整时清空")
    func adjustmentReasonAndApprovalDocument() {
        #expect(Workflow.precondition(of: .submit, comment: nil, isAdjustment: true) == .reasonRequired)
        #expect(Workflow.precondition(of: .submit, comment: "  ", isAdjustment: true)?.message.contains("调整理由") == true)
        #expect(Workflow.precondition(of: .submit, comment: "年中追加资金", isAdjustment: true) == nil)
        #expect(Workflow.precondition(of: .submit, comment: nil) == nil)

        let missing = Workflow.precondition(of: .approve, comment: nil, approval: .init(number: " ", date: "2026-03-15"))
        #expect(missing?.message.contains("批复文号") == true)
        #expect(Workflow.precondition(of: .approve, comment: nil)?.message.contains("批复文号") == true)
        let badDay = Workflow.precondition(
            of: .approve, comment: nil, approval: .init(number: "测财预〔2026〕12号", date: "2026-02-30"))
        #expect(badDay?.message.contains("不是有效日期") == true)
        let approval = Workflow.Approval(number: "测财预〔2026〕12号", date: "2026-03-15")
        #expect(Workflow.precondition(of: .approve, comment: nil, approval: approval) == nil)
        #expect(Workflow.Approval.isDay("2028-02-29") && !Workflow.Approval.isDay("2026-2-3x"))

        let signed = Workflow.sign(
            Signoff(filledBy: "李四"), action: .approve, by: "钱七", role: .financeReviewer, on: "2026-03-16",
            approval: approval)
        #expect(signed?.approvalNumber == "测财预〔2026〕12号" && signed?.approvedOn == "2026-03-15")
        #expect(Workflow.signoffForAdjustment(signed)?.approvalNumber == nil)
        #expect(Workflow.signoffForAdjustment(signed)?.approvedOn == nil)
    }

    @Test("批量审核的操作：审核人各自的审核步骤、批复、自评复核和退回；单位和管理员没有")
    func bulkActions() {
        #expect(Workflow.bulkActions(for: .businessReviewer) == [.businessReview, .sendBack])
        #expect(Workflow.bulkActions(for: .financeReviewer) == [.approve, .reviewEvaluation, .sendBack, .returnEvaluation])
        #expect(Workflow.bulkActions(for: .unitHead).isEmpty)
        #expect(Workflow.bulkActions(for: .filler).isEmpty && Workflow.bulkActions(for: .admin).isEmpty)
    }
}
