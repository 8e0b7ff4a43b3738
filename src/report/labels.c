/* The en/zh label table (see labels.h). Keys are the English labels; a linear search is
 * fine for a few hundred short strings looked up a few thousand times per workbook. */
#include "labels.h"

#include <stddef.h>
#include <string.h>

typedef struct {
    const char *english;
    const char *chinese;
} label_entry;

static const label_entry labels[] = {
    /* sheets */
    {"Summary", "摘要"},
    /* a flipping list cut short in its cell (report/sheets.c) */
    {"%s… %zu more (%zu in all; the JSON lists every one)",
     "%s……另有 %zu 项（共 %zu 项；JSON 列出全部）"},
    {"Descriptives", "描述统计"},
    {"Correlations", "相关分析"},
    {"Formation", "形成"},
    {"Durability", "持久性"},
    {"Survival", "生存分析"},
    {"Robustness", "稳健性"},
    {"Charts", "图表"},
    {"Diagnostics", "诊断"},
    {"Data", "数据"},
    {"Codebook", "编码本"},
    {"About", "关于"},
    /* hypotheses, outcomes, verdicts */
    {"security", "安全共同体"},
    {"political", "政治共同体"},
    {"economic", "经济共同体"},
    {"cognitive", "认知共同体"},
    {"value", "价值共同体"},
    {"formation", "形成"},
    {"durability", "持久性"},
    {"supported", "支持"},
    {"not supported", "不支持"},
    {"contradicted", "相反"},
    {"not testable", "无法检验"},
    {"not measured", "未测量"},
    {"durable", "持久性"},
    {"temporary", "临时性"},
    /* Summary */
    {"The ten hypothesis tests", "十项假设检验"},
    {"Hypothesis", "假设"},
    {"measure", "共同体"},
    {"outcome", "因变量"},
    {"verdict", "结论"},
    {"note", "注"},
    {"OR", "OR"},
    {"k/m", "k/m"},
    {"F = Firth penalized likelihood fit; ! = fragile (small sample); k/m = stable in k of m "
     "specifications; MDE = for a verdict not supported, the smallest OR the test had 80% "
     "power to detect.",
     "F = Firth惩罚似然拟合;! = 脆弱(小样本);k/m = 在m个设定中k个稳定;可检测OR = "
     "对不支持的结论,检验有80%把握检测到的最小优势比。"},
    {"Community sense", "共同体意识"},
    {"Outcome", "因变量"},
    {"Verdict", "结论"},
    {"p adj.", "校正p"},
    {"Joint agrees", "联合模型一致"},
    {"Spearman agrees", "Spearman一致"},
    {"Cox agrees", "Cox一致"},
    {"Method", "方法"},
    {"Stable (k)", "稳定(k)"},
    {"of m", "共m"},
    {"Fragile", "脆弱"},
    {"yes", "是"},
    {"no", "否"},
    {"n/a", "不适用"},
    {"Why not testable", "无法检验的原因"},
    {"Difference z", "差异z"},
    {"Difference p", "差异p"},
    {"Groups side by side", "分组对比"},
    {"ML", "最大似然"},
    {"Firth", "Firth惩罚似然"},
    /* notes */
    {"Verdict: supported = B > 0 and adjusted p < alpha; contradicted = B < 0 and adjusted p < "
     "alpha; otherwise not supported; not testable with " QA_FEWER_THAN_MIN_CASES " or no "
     "variation.",
     "结论:B > 0 且校正p < alpha 为支持;B < 0 且校正p < alpha "
     "为相反;否则不支持;可用案例少于10个或无变异时无法检验。"},
    {"Primary test: univariate logistic regression (formation: all cases; durability: formed "
     "cases, durable = more than T years).",
     "主检验:单变量logistic回归(形成:全部案例;持久性:已形成案例,持久性 = 超过T年)。"},
    {"Click a community sense to open its model.", "点击共同体意识可跳转到对应模型。"},
    {"Difference z tests compare each group's B with the first group's.",
     "差异z检验比较各组与第一组的B。"},
    /* Descriptives */
    {"Numeric variables", "数值变量"},
    {"Category variables", "分类变量"},
    {"Sample", "样本"},
    {"Composite measures", "合成指标"},
    {"Variable", "变量"},
    {"Group", "组别"},
    {"all cases", "全部案例"},
    {"formed = 1", "已形成 = 1"},
    {"formed = 0", "未形成 = 0"},
    {"Missing", "缺失"},
    {"Mean", "均值"},
    {"SD", "标准差"},
    {"Min", "最小值"},
    {"Q1", "下四分位数"},
    {"Median", "中位数"},
    {"Q3", "上四分位数"},
    {"Max", "最大值"},
    {"Level", "水平"},
    {"Count", "计数"},
    {"Formed", "已形成"},
    {"Not formed", "未形成"},
    {"Ongoing", "持续中"},
    {"Censored before threshold", "阈值前删失"},
    {"Cases used", "使用案例"},
    {"Rows", "行数"},
    {"Indicators", "指标数"},
    {"Cronbach's alpha", "Cronbach α"},
    {"Standardized alpha", "标准化α"},
    {"Quartiles are type 7 (as R's quantile).", "四分位数按类型7计算(同R的quantile)。"},
    /* Correlations */
    {"Pearson r", "Pearson r"},
    {"Pearson p", "Pearson p"},
    {"Pairwise n", "成对n"},
    {"Correlations of each test", "各检验的相关"},
    {"Test", "检验"},
    {"CI lower", "置信区间下限"},
    {"CI upper", "置信区间上限"},
    {"Spearman rho", "Spearman ρ"},
    {"Spearman p", "Spearman p"},
    {"Kendall tau-b", "Kendall τb"},
    {"Kendall p", "Kendall p"},
    {"Pairwise-complete Pearson correlations; p two-sided.", "成对完整Pearson相关;双侧p值。"},
    {"Pearson CI by Fisher z; Spearman and Kendall p by the normal approximation (as R's cor.test, "
     "exact = FALSE).",
     "Pearson置信区间采用Fisher z;Spearman与Kendall的p值采用正态近似(同R的cor.test, exact = "
     "FALSE)。"},
    /* model blocks */
    {"Model", "模型"},
    {"Model Summary", "模型摘要"},
    {"-2 Log likelihood", "-2对数似然"},
    {"Cox & Snell R²", "Cox-Snell R²"},
    {"Nagelkerke R²", "Nagelkerke R²"},
    {"McFadden R²", "McFadden R²"},
    {"Omnibus Tests of Model Coefficients", "模型系数的综合检验"},
    {"Chi-square", "卡方"},
    {"Sig.", "显著性"},
    {"Hosmer and Lemeshow Test", "Hosmer-Lemeshow检验"},
    {"Classification Table", "分类表"},
    {"Observed", "观测值"},
    {"Predicted 0", "预测为0"},
    {"Predicted 1", "预测为1"},
    {"Percentage Correct", "正确百分比"},
    {"Overall Percentage", "总体百分比"},
    {"Variables in the Equation", "方程中的变量"},
    {"Term", "变量项"},
    {"Lower", "下限"},
    {"95% CI for Exp(B).", "95%置信区间为Exp(B)的区间。"},
    {"95% CI Lower", "95%置信区间下限"},
    {"95% CI Upper", "95%置信区间上限"},
    {"Wald", "Wald"},
    {"Upper", "上限"},
    {"not fitted", "未拟合"},
    {"Cut value is .500.", "分界值为0.500。"},
    {"Not computable: fewer than three occupied groups (df < 1).",
     "无法计算:有效分组少于三个(df < 1)。"},
    {"one-sided", "单侧"},
    {"two-sided", "双侧"},
    {"Firth penalized likelihood: separation was found, so the model was refitted (Heinze & "
     "Schemper 2002). Sig. is the penalized likelihood-ratio p; the CI is by profile penalized "
     "likelihood; -2 Log likelihood is penalized.",
     "Firth惩罚似然:检测到分离,模型已重新拟合(Heinze & Schemper "
     "2002)。显著性为惩罚似然比p值;置信区间为剖面惩罚似然区间;-2对数似然为惩罚值。"},
    {"Firth penalized likelihood (--firth always). Sig. is the penalized likelihood-ratio p; the "
     "CI is by profile penalized likelihood.",
     "Firth惩罚似然(--firth always)。显著性为惩罚似然比p值;置信区间为剖面惩罚似然区间。"},
    {"Separation was found but the model was fitted by ML (--firth never): estimates are "
     "unreliable.",
     "检测到分离,但按最大似然拟合(--firth never):估计不可靠。"},
    {"Did not converge.", "未收敛。"},
    {"Cases", "案例数"},
    {"Events", "事件数"},
    {"Iterations", "迭代次数"},
    {"AUC", "AUC"},
    /* Survival */
    {"Cox proportional hazards", "Cox比例风险模型"},
    {"Hazard ratio", "风险比"},
    {"Concordance", "一致性指数"},
    {"Likelihood ratio", "似然比"},
    {"Kaplan-Meier medians and log-rank tests", "Kaplan-Meier中位数与log-rank检验"},
    {"Split (median)", "分组点(中位数)"},
    {"n above", "高于组n"},
    {"Median above", "高于组中位持续年数"},
    {"n at or below", "不高于组n"},
    {"Median at or below", "不高于组中位持续年数"},
    {"Log-rank chi-square", "Log-rank卡方"},
    {"Log-rank p", "Log-rank p"},
    {"Proportional hazards tests", "比例风险检验"},
    {"A hazard ratio below 1 means more durable. Efron ties; Wald CI.",
     "风险比小于1表示更持久。Efron结处理;Wald置信区间。"},
    {"Medians are durations in years (Kaplan-Meier); a blank median was not reached. Cases are "
     "split at the median code of each community sense.",
     "中位数为持续年数(Kaplan-Meier);空白表示未达到中位数。案例按各共同体意识编码的中位数分组。"},
    {"Scaled Schoenfeld residuals, as survival::cox.zph(transform = \"km\").",
     "标度Schoenfeld残差检验,同survival::cox.zph(transform = \"km\")。"},
    /* Robustness */
    {"Robustness of each verdict", "各结论的稳健性"},
    {"primary", "主检验"},
    {"pearson", "Pearson"},
    {"spearman", "Spearman"},
    {"kendall", "Kendall"},
    {"firth/ml", "Firth/ML"},
    {"joint", "联合模型"},
    {"threshold_3", "阈值3年"},
    {"threshold_7", "阈值7年"},
    {"threshold_10", "阈值10年"},
    {"cox", "Cox"},
    {"Primary", "主检验"},
    {"Pearson", "Pearson"},
    {"Spearman", "Spearman"},
    {"Kendall", "Kendall"},
    {"Firth/ML", "Firth/ML"},
    {"Joint", "联合模型"},
    {"Member SE", "成员稳健标准误"},
    {"Detectable OR (80%)", "可检测OR(80%)"},
    {"Member p", "成员稳健p"},
    {"Member S.E.", "成员稳健S.E."},
    {"Member S.E.: cases sharing a member are dependent (sandwich, no small-sample factor); "
     "clusters",
     "成员稳健S.E.:共享成员的案例视为相关(三明治估计,无小样本校正);聚类数"},
    {" (fewer than 30: biased downward)", "(少于30:偏小)"},
    {"Member Sig.", "成员稳健显著性"},
    {"MDE", "可检测OR"},
    {"none", "无"},
    {"p decides with member-robust standard errors (--se member): cases sharing a member are "
     "dependent.",
     "p 基于成员稳健标准误(--se member):共享成员的案例视为相关。"},
    {"p decides with model-based standard errors (--se model); Member p allows for cases sharing "
     "members.",
     "p 基于模型标准误(--se model);成员稳健p考虑了共享成员的案例之间的相关。"},
    {"Detectable OR (80%): the smallest odds ratio the test had 80% power to detect at the level "
     "of the verdict rule; empty when none in range. A property of the design, not of the "
     "estimate.",
     "可检测OR(80%):在结论规则的检验水平下,检验有80%把握检测到的最小优势比;范围内无则留空。"
     "这是设计的性质,而非估计值的性质。"},
    {"Fewer than 30 clusters: member-robust (sandwich) standard errors are biased downward with "
     "few clusters; read Member p with caution",
     "聚类少于30个:聚类数少时成员稳健(三明治)标准误偏小,成员稳健p须谨慎解读"},
    {"member", "成员稳健标准误"},
    {"T = 3 years", "阈值3年"},
    {"T = 7 years", "阈值7年"},
    {"T = 10 years", "阈值10年"},
    {"Flipping cases: leaving out that case alone changes the verdict; member:X = leaving out "
     "every case with member X.",
     "翻转案例:仅剔除该案例即改变结论;member:X = 剔除所有包含成员X的案例。"},
    {"Non-events", "非事件数"},
    {"EPV", "EPV"},
    {"Joint EPV", "联合模型EPV"},
    {"Cox EPV", "Cox EPV"},
    {"Cox events", "Cox事件数"},
    {"Flipping cases", "改变结论的案例"},
    {"Robustness was not computed.", "未计算稳健性。"},
    /* --influence (issue 14) */
    {"not computed (%s)", "未计算(%s)"},
    {"Case and member influence were not computed (--influence none); run without it to see "
     "which cases and members drive a verdict.",
     "未计算案例与成员影响(--influence none);去掉该选项重跑即可查看哪些案例和成员左右结论。"},
    {"Case and member influence (--influence)", "案例与成员影响(--influence)"},
    {"none: not computed (--influence none)", "none:未计算(--influence none)"},
    {"all: leave one case out, leave one shared member out (Robustness sheet)",
     "all:逐一剔除案例、逐一剔除共享成员(见稳健性工作表)"},
    {"fragile = min(events, non-events) < 10 or EPV < 10. Each specification reruns the whole "
     "primary analysis with one choice changed; it agrees when it gives the primary verdict.",
     "脆弱 = min(事件数, 非事件数) < 10 或 EPV < "
     "10。每个设定改变一项选择重跑全部主分析;给出相同结论即为一致。"},
    /* Charts */
    {"Odds ratios of the primary tests", "主检验的优势比"},
    {"Odds ratio (log scale)", "优势比(对数刻度)"},
    {"Lower 95%", "95%下限"},
    {"Upper 95%", "95%上限"},
    {"Odds ratio", "优势比"},
    {"Kaplan-Meier curves", "Kaplan-Meier曲线"},
    {"Years", "年"},
    {"Survival probability", "存续概率"},
    {"above median", "高于中位数"},
    {"Number at risk", "风险集人数"},
    {"Kaplan-Meier censored cases", "Kaplan-Meier删失个案"},
    {"Censored cases are marked on the curves (+).", "删失个案在曲线上以(+)标记。"},
    {"censored", "删失"},
    {"Censored", "删失数"},
    {"Log-rank", "Log-rank检验"},
    {"ticks mark censored cases.", "竖线标记删失个案。"},
    {"Ticks mark censored cases.", "竖线标记删失个案。"},
    {"Points: odds ratio per unit of the measure; whiskers: 95% confidence interval.",
     "点：测度每增加一个单位的优势比；须线：95%置信区间。"},
    {"at or below median", "不高于中位数"},
    {"Pearson correlations of the primary tests", "主检验的Pearson相关"},
    {"Curve", "曲线"},
    {"Time", "时间"},
    {"Whiskers are 95% confidence intervals.", "须线为95%置信区间。"},
    /* the effect per SD (METHODS §4.14) */
    {"(per SD)", "(每标准差)"},
    {"S = a measure of type interval: OR and MDE per standard deviation of the measure.",
     "S = 定距测度:OR 与 MDE 为测度每增加一个标准差。"},
    {"Odds ratio (log scale; per SD for interval measures)", "优势比(对数刻度;定距测度为每标准差)"},
    {"Points: odds ratio per unit, or per standard deviation (per SD); whiskers: 95% confidence "
     "interval.",
     "点：每增加一个单位的优势比,或每增加一个标准差(每标准差);须线：95%置信区间。"},
    {"(per SD): the odds ratio for one standard deviation of a measure of type interval, exp(B "
     "× SD), SD with n − 1 over the test's cases; the other tests per unit of the measure.",
     "(每标准差):定距测度每增加一个标准差的优势比,exp(B × SD),SD 以 n − 1 计,取该检验的样本;"
     "其余检验为测度每增加一个单位。"},
    {"Exp(B) per SD", "每标准差的Exp(B)"},
    {"Hazard ratio per SD", "每标准差的风险比"},
    {"95% CI Lower per SD", "每标准差的95%置信区间下限"},
    {"95% CI Upper per SD", "每标准差的95%置信区间上限"},
    {"Per SD: the odds ratio for one standard deviation of a term of type interval, exp(B × "
     "SD), with its 95% CI (the CI of B times SD); SD with n − 1 over this model's cases",
     "每标准差:定距变量每增加一个标准差的优势比,exp(B × SD),及其95%置信区间(B的置信区间乘以"
     "SD);SD 以 n − 1 计,取本模型的样本"},
    {"Per SD: the hazard ratio for one standard deviation of a term of type interval, exp(B × "
     "SD), with its 95% CI (the CI of B times SD); SD with n − 1 over this model's cases",
     "每标准差:定距变量每增加一个标准差的风险比,exp(B × SD),及其95%置信区间(B的置信区间乘以"
     "SD);SD 以 n − 1 计,取本模型的样本"},
    {"Forest plot whiskers", "森林图须线"},
    {"Position", "位置"},
    {"Bound", "界限"},
    /* Diagnostics */
    {"Dropped cases", "剔除的案例"},
    {"Row", "行"},
    {"Line", "文件行号"},
    {"Case", "案例"},
    {"Reason", "原因"},
    {"Models", "模型"},
    {"Kind", "类型"},
    {"Separated", "分离"},
    {"Converged", "收敛"},
    {"Variance inflation factors", "方差膨胀因子"},
    {"VIF", "VIF"},
    {"Unknown columns (ignored)", "未知列(已忽略)"},
    {"Column", "列"},
    {"Warnings", "警告"},
    {"Warning", "警告"},
    {"None.", "无。"},
    /* Data, Codebook, About */
    {"Cases as analysed", "分析所用案例"},
    {"line", "文件行号"},
    {"duration", "持续年数"},
    {"event", "结束"},
    {"The Data sheet was left out: more than 100,000 cases. Use --data-sheet always to include it.",
     "数据表已省略:案例超过100,000个。使用 --data-sheet always 可包含。"},
    {"The Data sheet was left out (--data-sheet never).", "数据表已省略(--data-sheet never)。"},
    {"Excel holds at most 1,048,576 rows", "Excel每表最多1,048,576行"},
    {"Role", "角色"},
    {"Measure", "指标"},
    {"Type", "类型"},
    {"Missing codes", "缺失值代码"},
    {"Label", "标签"},
    {"Item", "项目"},
    {"Value", "值"},
    {"Report", "报告"},
    {"Tool", "工具"},
    {"Version", "版本"},
    {"Command", "命令"},
    {"Input file", "输入文件"},
    {"SHA-256", "SHA-256"},
    {"Libraries", "库"},
    {"Language", "语言"},
    {"Alpha", "显著性水平"},
    {"Adjustment", "多重比较校正"},
    {"Sided", "检验方向"},
    {"Durable years (T)", "持久性阈值T(年)"},
    {"As of", "观察截止年"},
    {"Bootstrap replicates", "Bootstrap次数"},
    {"Seed", "随机种子"},
    {"Controls", "控制变量"},
    {"Where", "筛选条件"},
    {"By", "分组变量"},
    {"Data sheet", "数据表"},
    {"Codebook file", "编码本文件"},
    {"default", "默认"},
    {"Options and provenance", "选项与来源"},
    {"Run the command from the same directory to reproduce this workbook byte for byte.",
     "在同一目录下运行该命令可逐字节重现本工作簿。"},
    {"Rows kept by --where", "--where 保留的行"},
    {"(not given)", "(未指定)"},
    {"The Data sheet was left out: %zu cases need more than %zu sheets.",
     "数据表已省略:%zu个案例需要超过%zu个工作表。"},
    /* the compare workbook */
    {"Agreement", "一致性"},
    {"Disagreements", "分歧"},
    {"Verdicts", "结论对照"},
    {"Coefficients", "系数对照"},
    {"Inter-coder agreement per coded column", "各编码列的编码者间一致性"},
    {"nominal", "定类"},
    {"ordinal", "定序"},
    {"interval", "定距"},
    {"N", "N"},
    {"Agreement %", "一致率%"},
    {"Cohen's kappa", "Cohen kappa"},
    {"Weighted kappa", "加权kappa"},
    {"Gwet's AC1", "Gwet AC1"},
    {"Krippendorff's alpha", "Krippendorff alpha"},
    {"Alpha CI low", "alpha置信区间下限"},
    {"Alpha CI high", "alpha置信区间上限"},
    {"Weighted kappa: quadratic weights, ordinal columns only. Alpha at the column's level of "
     "measurement; percentile bootstrap CI from %zu resamples of the cases, seed %lu.",
     "加权kappa:二次权重,仅用于定序列。alpha按该列的测量水平计算;置信区间为对案例%zu次"
     "重抽样的百分位bootstrap区间,随机种子%lu。"},
    {"Every cell coded differently", "编码不同的所有单元格"},
    {"A", "A"},
    {"B", "B"},
    {"Line in A", "A中行号"},
    {"Line in B", "B中行号"},
    {"(missing)", "(缺失)"},
    {"No disagreements.", "没有分歧。"},
    {"The ten verdicts of A and B", "A与B的十项结论"},
    {"Verdict A", "A的结论"},
    {"Verdict B", "B的结论"},
    {"Flip", "翻转"},
    {"FLIP", "翻转"},
    {"Driving cases", "导致翻转的案例"},
    {"no single case: only the recodings together", "无单一案例:仅所有改码共同导致"},
    {"Driving cases: recoding that one case in A with B's codes alone changes A's verdict.",
     "导致翻转的案例:仅将A中该案例改为B的编码即改变A的结论。"},
    {"Primary coefficients side by side (z test of the difference)", "主要系数对照(差异的z检验)"},
    {"B (A)", "B (A)"},
    {"S.E. (A)", "S.E. (A)"},
    {"B (B)", "B (B)"},
    {"S.E. (B)", "S.E. (B)"},
    {"z", "z"},
    {"z = (B_A - B_B) / sqrt(SE_A^2 + SE_B^2), treating the two fits as independent; for two "
     "codings of the same cases this is conservative.",
     "z = (B_A - B_B) / sqrt(SE_A^2 + "
     "SE_B^2),视两次拟合为独立;对同一批案例的两种编码,此检验偏保守。"},
    {"The join on case_id", "按case_id匹配"},
    {"Cases matched", "匹配的案例"},
    {"Only in A", "仅在A中"},
    {"Only in B", "仅在B中"},
    {"Two codings of the same cases.", "同一批案例的两种编码。"},
    {"Two different case sets: agreement is computed on the matched cases only; compare the "
     "coefficients.",
     "两个不同的案例集:一致性仅按匹配的案例计算;请比较系数。"},
    {"How this workbook was made", "本工作簿的生成方式"},
    {"Input A", "输入A"},
    {"SHA-256 of A", "A的SHA-256"},
    {"Input B", "输入B"},
    {"SHA-256 of B", "B的SHA-256"},
    {"A: %s; B: %s", "A:%s;B:%s"},
    /* terminal summaries of --by and compare */
    {"%s = %s (%zu cases used)", "%s = %s(使用%zu个案例)"},
    {"difference of B, %s against %s (z test)", "B的差异:%s对%s(z检验)"},
    {"B first", "B(首组)"},
    {"B group", "B(本组)"},
    {"%zu cases matched; %zu only in A, %zu only in B", "匹配%zu个案例;仅在A中%zu个,仅在B中%zu个"},
    {" (different case sets: coefficients compared)", "(不同的案例集:比较系数)"},
    {"column", "列"},
    {"agree%", "一致%"},
    {"w.kappa", "加权kappa"},
    {"%zu disagreement", "%zu处分歧"},
    {"%zu disagreements", "%zu处分歧"},
    {"flip (driving cases)", "翻转(导致翻转的案例)"},
    {"no single case", "无单一案例"},
    {"not supp.", "不支持"},
    {"contradict.", "相反"},
    {"not test.", "无法检验"},
    /* --durability, --controls-in (issue 17) */
    {"Durability decided by", "持久性判定模型"},
    {"Controls in", "控制变量纳入"},
    {"cox: -B of cox_<measure>, Wald p (the T-year logit is a specification)",
     "cox:按cox_<measure>的−B及其Wald p判定(T年logit作为稳健性设定)"},
    {"logit: durable = more than T years (the Cox model is a specification)",
     "logit:持久 = 超过T年(Cox模型作为稳健性设定)"},
    {"all: every primary model (logit and Cox); verdicts are partial effects",
     "all:纳入每个主模型(logit与Cox);结论为偏效应"},
    {"joint: the joint models only; primary verdicts are bivariate",
     "joint:仅纳入联合模型;主检验结论为双变量"},
    {"Logit", "Logit"},
    {"logit", "Logit"},
    {"Small-sample panel", "小样本指标"},
    {"Each specification reruns the whole primary analysis with one choice changed; it agrees "
     "when it gives the primary verdict. Columns by group: primary; correlations; method and "
     "joint model; durability thresholds; the other model.",
     "每个设定改变一项选择重跑全部主分析;给出相同结论即为一致。列按组排列:主检验;相关;"
     "方法与联合模型;"
     "持久性阈值;另一模型。"},
    {"fragile = min(events, non-events) < 10 or EPV < 10.",
     "脆弱 = min(事件数, 非事件数) < 10 或 EPV < 10。"},
    /* Summary (issue 17) */
    {"Hypothesis in words", "假设表述"},
    {"Source column(s)", "来源列"},
    {"Model", "模型"},
    {"95% CI of B", "B的95%置信区间"},
    {"OR / HR", "优势比 / 风险比"},
    {"OR/HR", "OR/HR"},
    {"95% CI of OR / HR", "OR / HR的95%置信区间"},
    {"Not measured (--skip)", "未测量(--skip)"},
    {"OR / HR per SD", "每标准差的OR / HR"},
    {"95% CI per SD", "每标准差的95%置信区间"},
    {"exp(B × SD): the odds or hazard ratio for one standard deviation of the measure (SD "
     "with n − 1 on the model's cases), with its 95% CI (the CI of B times SD); comparable "
     "across measures on different scales.",
     "exp(B × SD):共同体变量每增加一个标准差的优势比或风险比(SD 以 n − 1 计,取模型样本),"
     "及其95%置信区间(B 的置信区间乘以 SD);可在尺度不同的变量间比较。"},
    {"logit (ML)", "logit(ML)"},
    {"logit (Firth)", "logit(Firth)"},
    {"Legend", "图例说明"},
    {"Column", "列"},
    {"Meaning", "含义"},
    {"The hypotheses", "研究假设"},
    {"Formation (English)", "形成(英文)"},
    {"Durability (English)", "持久性(英文)"},
    {"Alternative verdicts", "替代设定的结论"},
    {"Stable (k) / of m", "稳定(k)/ m"},
    {"The source paper's hypothesis (section 3), this outcome's half.",
     "原文的假设(第三部分),本结果对应的半句。"},
    {"The dataset column(s) the measure is read from; several form a composite (mean of "
     "z-scores).",
     "测量所读取的数据列;多列时构成合成指标(z分数均值)。"},
    {"The model whose estimate decides the verdict: logit (ML or Firth's penalized likelihood, "
     "used when the data are separated) or Cox.",
     "决定结论的模型:logit(ML,或数据分离时用Firth惩罚似然)或Cox。"},
    {"The measure's coefficient in that model: log odds ratio (logit) or log hazard ratio (Cox).",
     "该模型中测量的系数:对数优势比(logit)或对数风险比(Cox)。"},
    {"Wald interval; profile-likelihood interval for a Firth fit.",
     "Wald区间;Firth拟合为轮廓似然区间。"},
    {"exp(B): odds ratio (logit) or hazard ratio (Cox; HR < 1 = more durable), with its 95% CI.",
     "exp(B):优势比(logit)或风险比(Cox;HR < 1 = 更持久),及其95%置信区间。"},
    {"Two-sided p of B (one-sided under --sided one).", "B的双侧p值(--sided one时为单侧)。"},
    {"p adjusted over the testable tests of the ten (--adjust).",
     "在十项检验中可检验者之间校正的p值(--adjust)。"},
    {"The verdict of the same rule on the measure in the joint model of all five measures (plus "
     "controls).",
     "同一规则在包含五项测量(及控制变量)的联合模型中对该测量给出的结论。"},
    {"The verdict of the same rule on Spearman's rho.", "同一规则对Spearman rho给出的结论。"},
    {"Durability: the verdict of the same rule on the T-year logit.",
     "持久性:同一规则对T年logit给出的结论。"},
    {"Durability: the verdict of the same rule on -B of the Cox model (HR < 1 supports).",
     "持久性:同一规则对Cox模型−B给出的结论(HR < 1 为支持)。"},
    {"An alternative that reads contradicted (red) found a significant effect against the "
     "hypothesis; empty = the test has no such specification or is not testable.",
     "替代设定显示“相反”(红色)表示发现了与假设方向相反的显著效应;空白 = "
     "该检验无此设定或不可检验。"},
    {"The verdict holds in k of the m specifications of the Robustness sheet (primary "
     "included).",
     "结论在稳健性表的m个设定中有k个成立(含主检验)。"},
    {"Few cases: min(events, non-events) < 10 or fewer than 10 events per variable; read the "
     "verdict with care.",
     "案例少:min(事件数, 非事件数) < 10 或每变量事件数少于10;结论须谨慎解读。"},
    {"Fewer than 10 usable cases, no variation, or a model that could not be fitted.",
     "可用案例少于10、无变异,或模型无法拟合。"},
    {"Primary test: formation by univariate logistic regression on all cases; durability by the "
     "Cox model of the end of cooperation on formed cases, judged on -B (HR < 1 supports) "
     "(--durability cox).",
     "主检验:形成用全部案例的单变量logistic回归;持久性用已形成案例中合作终止的Cox模型,按−B判定"
     "(HR < 1 为支持)(--durability cox)。"},
    {"The controls enter every primary model (--controls-in all): each verdict is the measure's "
     "partial effect.",
     "控制变量纳入每个主模型(--controls-in all):每项结论为该测量的偏效应。"},
    {"The controls enter the joint models only (--controls-in joint): the verdicts are "
     "bivariate.",
     "控制变量仅纳入联合模型(--controls-in joint):结论为双变量。"},
    {"C = durability decided by the Cox model (HR < 1 supports; --durability cox).",
     "C = 持久性由Cox模型判定(HR < 1 为支持;--durability cox)。"},
    /* regression tables (--tables, report/paper_tables.c) */
    {"Regression tables", "回归表"},
    {"Table", "表"},
    {"Note", "注"},
    {"Constant", "常数项"},
    {"%s; %s.", "%s;%s。"},
    {"Formation: logistic regression", "形成:logistic回归"},
    {"Durability: logistic regression of durable", "持久性:持久性的logistic回归"},
    {"Durability: Cox proportional hazards", "持久性:Cox比例风险模型"},
    {"Verdict p (Holm-adjusted)", "结论p(Holm校正)"},
    {"Verdict p (BH-adjusted)", "结论p(BH校正)"},
    {"Verdict p (not adjusted)", "结论p(未校正)"},
    {"Pseudo R² (McFadden)", "伪R²(McFadden)"},
    {"Pseudo R² (Nagelkerke)", "伪R²(Nagelkerke)"},
    {"AIC", "AIC"},
    {"Estimator", "估计方法"},
    {"Coefficients are log hazard ratios (a negative coefficient: a longer-lasting "
     "quasi-alliance)",
     "系数为对数风险比(系数为负:准联盟更持久)"},
    {"Coefficients are log-odds", "系数为对数优势比"},
    {"standard errors in parentheses", "括号内为标准误"},
    {"95% confidence intervals in brackets (Wald, from the member-robust standard error)",
     "方括号内为95%置信区间(Wald,基于成员稳健标准误)"},
    {"95% confidence intervals in brackets (Wald)", "方括号内为95%置信区间(Wald)"},
    {"95% confidence intervals in brackets (Wald; profile penalized likelihood for Firth fits)",
     "方括号内为95%置信区间(Wald;Firth拟合为轮廓惩罚似然)"},
    {"Member-robust standard errors: cases sharing a member are dependent (sandwich, clustered "
     "on members).",
     "成员稳健标准误:共享成员的案例相互依赖(三明治估计,按成员聚类)。"},
    {"Model-based standard errors.", "基于模型的标准误。"},
    {"Sample: all cases; outcome: formed (1 = the quasi-alliance formed; events: formed cases).",
     "样本:全部案例;因变量:形成(1 = 准联盟已形成;事件:已形成案例)。"},
    {"Sample: formed cases; outcome: durable (1 = lasted more than %d years; events: durable "
     "cases).",
     "样本:已形成案例;因变量:持久性(1 = 持续超过%d年;事件:持久案例)。"},
    {"Sample: formed cases; Cox proportional hazards of the end of the quasi-alliance (events: "
     "ended cases), Efron ties, ongoing cases censored.",
     "样本:已形成案例;准联盟终止的Cox比例风险模型(事件:已终止案例),Efron结处理,"
     "持续中的案例为删失。"},
    {"Estimator: ML = maximum likelihood; Firth = penalized likelihood (Heinze & Schemper 2002), "
     "whose p is the penalized likelihood-ratio p and which has no pseudo-R² or AIC.",
     "估计方法:最大似然 = 最大似然估计;Firth惩罚似然 = 惩罚似然估计(Heinze & Schemper "
     "2002),其p为惩罚似然比p,无伪R²与AIC。"},
    {"Estimator: ML = maximum likelihood.", "估计方法:最大似然估计。"},
    {"Controls enter every model (--controls-in all).",
     "控制变量纳入每个模型(--controls-in all)。"},
    {"Controls enter the joint model only.", "控制变量仅纳入联合模型。"},
    {"* p < 0.05, ** p < 0.01, *** p < 0.001: two-sided member-robust p of each coefficient, "
     "not adjusted for multiplicity.",
     "* p < 0.05,** p < 0.01,*** p < 0.001:各系数的双侧成员稳健p,未作多重比较校正。"},
    {"* p < 0.05, ** p < 0.01, *** p < 0.001: two-sided p of each coefficient, not adjusted for "
     "multiplicity.",
     "* p < 0.05,** p < 0.01,*** p < 0.001:各系数的双侧p,未作多重比较校正。"},
    {"Verdict: the test of the column's measure (%s, alpha = %g); its p is adjusted for "
     "multiplicity over the testable tests (%s).",
     "结论:该列共同体意识的检验(%s,alpha = %g);其p在可检验的检验中作多重比较校正(%s)。"},
    {"Verdict: the test of the column's measure (%s, alpha = %g); its p is not adjusted for "
     "multiplicity (--adjust none).",
     "结论:该列共同体意识的检验(%s,alpha = %g);其p未作多重比较校正(--adjust none)。"},
    {"These Cox models decide the durability verdicts (--durability cox), judged on -B.",
     "这些Cox模型判定持久性结论(--durability cox),依据 -B。"},
    {"These Cox models are a robustness specification; the T-year logits decide the durability "
     "verdicts.",
     "这些Cox模型为稳健性设定;持久性结论由T年logit判定。"},
    {"These logits are a robustness specification; the Cox models decide the durability verdicts "
     "(--durability cox).",
     "这些logit模型为稳健性设定;持久性结论由Cox模型判定(--durability cox)。"},
};

const char *qa_label(qa_language language, const char *english)
{
    if (language != QA_LANG_ZH)
        return english;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].english, english) == 0)
            return labels[i].chinese;
    return english;
}

bool qa_label_known(const char *english)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].english, english) == 0)
            return true;
    return false;
}

const char *qa_label_measure(qa_language language, qa_hypothesis hypothesis)
{
    return qa_label(language, qa_measure_name(hypothesis));
}

const char *qa_label_outcome(qa_language language, qa_outcome outcome)
{
    return qa_label(language, qa_outcome_name(outcome));
}

const char *qa_label_verdict(qa_language language, qa_verdict verdict)
{
    return qa_label(language, qa_verdict_text(verdict));
}
