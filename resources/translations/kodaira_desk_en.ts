<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
    <context>
        <name>AuditDialog</name>
        <message>
            <source>書き出せません</source>
            <translation>Cannot export</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="406" />
            <source>変更履歴（監査ログ）</source>
            <translation>Change history (audit log)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="408" />
            <source>項目名で絞り込み</source>
            <translation>Filter by item</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="410" />
            <source>すべて</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="410" />
            <source>入力</source>
            <translation>Typed</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="410" />
            <source>取り込み</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="411" />
            <source>競合の解決</source>
            <translation>Conflict resolution</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="418" />
            <source>CSV に書き出す(&amp;E)…</source>
            <translation>&amp;Export CSV…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="420" />
            <source>閉じる(&amp;C)</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="445" />
            <source>CSV に書き出す</source>
            <translation>Export CSV</translation>
        </message>
    </context>
    <context>
        <name>BudgetForm</name>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="321" />
            <source>費用は千円単位で入力します。予算がない年度は「—」。</source>
            <translation>Enter costs in thousands of yen. For a year without budget, enter "—".</translation>
        </message>
    </context>
    <context>
        <name>BudgetModel</name>
        <message>
            <location filename="../../kodaira_desk/ui/plan_tables.py" line="55" />
            <source>費用（{unit}）</source>
            <translation>Cost ({unit})</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/plan_tables.py" line="55" />
            <source>概略</source>
            <translation>Summary</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/plan_tables.py" line="112" />
            <source>{title} {year}の費用</source>
            <translation>Cost of {title}, {year}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/plan_tables.py" line="122" />
            <source>費用は千円単位の数値で入力してください（例: 8,345）。</source>
            <translation>Enter the cost as a number in thousands of yen (e.g. 8,345).</translation>
        </message>
    </context>
    <context>
        <name>CollectWindow</name>
        <message>
            <source>読み込んでいます…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>回収状況を読み込んでいます…</source>
            <translation>Loading the collection status…</translation>
        </message>
        <message>
            <source>回収状況を読めません: {error}</source>
            <translation>Cannot read the collection status: {error}</translation>
        </message>
        <message>
            <source>未記入: {d}</source>
            <translation>Returned empty: {d}</translation>
        </message>
        <message>
            <source>{year}の回収状況を表示しています。</source>
            <translation>Showing the collection status of {year}.</translation>
        </message>
        <message>
            <source>{file} は{year}の提出用ファイルです（表示していたのは{shown}）。</source>
            <translation>{file} is a file for {year} (the list showed {shown}).</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="196" />
            <source>回収状況と取り込み</source>
            <translation>Returns and collection</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="218" />
            <source>ファイルを取り込む(&amp;I)…</source>
            <translation>Collect f&amp;iles…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="220" />
            <source>競合を確認(&amp;K)…</source>
            <translation>Review &amp;conflicts…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="222" />
            <source>閉じる(&amp;C)</source>
            <translation>C&amp;lose</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="224" />
            <source>担当課から返ってきた提出用ファイル（.kdesk）や Excel ブック（.xlsx）をこの画面にドラッグするか、「ファイルを取り込む」で選んでください。取り込む前に親データベースのバックアップを作ります。</source>
            <translation>Drag the department files (.kdesk) or Excel workbooks (.xlsx) that came back onto this window, or choose them with "Collect files". The master database is backed up before anything is collected.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="229" />
            <source>年度(&amp;Y)</source>
            <translation>Fiscal &amp;year</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="253" />
            <source>配布 {n} 課</source>
            <translation>Handed out to {n} departments</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="254" />
            <source>取込済 {n}</source>
            <translation>Merged {n}</translation>
        </message>
        <message>
            <source>中断された配布を完了しました: {file}</source>
            <translation>Finished an interrupted hand-out: {file}</translation>
        </message>
        <message>
            <source>{d}: 配布ファイル {file} が作られていません。この課に配布し直してください</source>
            <translation>{d}: the file {file} was never made. Hand out to this department again</translation>
        </message>
        <message>
            <source>{d}: {file} を開いている画面があるため、中断された配布し直しを完了していません。その画面を閉じてから、回収状況を確かめ直してください</source>
            <translation>{d}: a window has {file} open, so the interrupted re-issue is not finished. Close that window, then look at the collection status again</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="256" />
            <source>未返却: {d}</source>
            <translation>Missing: {d}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="258" />
            <source>要確認: {d}</source>
            <translation>Needs review: {d}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="262" />
            <source>提出用ファイルを選ぶ</source>
            <translation>Choose department files</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="263" />
            <source>提出用ファイル (*.kdesk);;すべてのファイル (*)</source>
            <translation>Department files (*.kdesk);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>未確認（この写しは触れていない）</source>
            <translation>Unconfirmed (this copy never touched it)</translation>
        </message>
        <message>
            <source>この写しはこの項目に触れていません（別の写しと共通の版が未回収で、どちらが変えたか分かりません）。課の値を選ぶと親の値は配布時の値に戻ります。</source>
            <translation>This copy never touched this field (the version it shares with another copy was never collected, so who changed it cannot be told). Taking the department's value puts the master back to the value when handed out.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="296" />
            <source>競合の確認</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="305" />
            <source>親の値を残す(&amp;M)</source>
            <translation>Keep the &amp;master's value</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="306" />
            <source>課の値を採用(&amp;D)</source>
            <translation>Take the &amp;department's value</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="307" />
            <source>別の値を入力(&amp;O)…</source>
            <translation>Type an&amp;other value…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="313" />
            <source>閉じる(&amp;C)</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="321" />
            <source>配布時の値・親データベースの値・課の値を見比べて決めてください。決めるまで親データベースの値が使われます。</source>
            <translation>Compare the value when handed out, the master's value and the department's value, and decide. Until then the master's value is used.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="337" />
            <source>未解決の競合はありません。</source>
            <translation>No open conflicts.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="352" />
            <source>解決しました: {item}</source>
            <translation>Resolved: {item}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="361" />
            <source>別の値</source>
            <translation>Another value</translation>
        </message>
    </context>
    <context>
        <name>Editor</name>
        <message>
            <location filename="../../kodaira_desk/ui/editor.py" line="115" />
            <source>この項目は {d} の担当ではないため、このファイルでは入力できません。</source>
            <translation>This item is not {d}'s, so it cannot be entered in this file.</translation>
        </message>
    </context>
    <context>
        <name>HandoutDialog</name>
        <message>
            <source>{y}は既に過ぎています（今は{now}です）。
{y}の提出用ファイルを配布しますか？</source>
            <translation>{y} has already passed (the city is now in {now}).
Hand out department files for {y}?</translation>
        </message>
        <message>
            <source>配布済み {when}（{file}）</source>
            <translation>handed out {when} ({file})</translation>
        </message>
        <message>
            <source>再配布</source>
            <translation>Hand out again</translation>
        </message>
        <message>
            <source>次の課には、この年度の提出用ファイルを配布済みです（まだ回収していません）:
{who}

再配布すると、これらの課に配ったファイルは差し替え済みとなり、入力して返ってきても取り込めません。</source>
            <translation>These departments already have this year&apos;s department file (not collected yet):
{who}

Handing out again supersedes the files they have: filled in and sent back, they will be refused.</translation>
        </message>
        <message>
            <source>次の課のファイルは回収済みです（取り込んだ日時）:
{who}

再配布しても、取り込んだ値は親データベースに残り、新しいファイルにも入っています（失われません）。新しいファイルを回収すると、そのファイルで変えた値だけを反映します（その間に政策課が同じ項目を違う値に変えていれば要確認になります）。前に配ったファイルは、このあと送られてきても取り込めません。</source>
            <translation>The files of these departments have been collected (when they were taken in):
{who}

Handing out again loses nothing: the values taken in stay in the master database and are in the new files too. When a new file is collected, only the values changed in it are taken in (an item the policy division has meanwhile changed to another value becomes Needs review). The files handed out before will be refused if they are sent again.</translation>
        </message>
        <message>
            <source>要確認が残っています: {who}。再配布しても消えませんが、回収状況の一覧には新しいファイルの状態が出るため、「回収状況と取り込み」の「競合を確認」で決めてください。</source>
            <translation>Needs review is left: {who}. Handing out again does not remove it, but the collection board then shows the new file&apos;s state: decide it under Returns and collection &gt; Review conflicts.</translation>
        </message>
        <message>
            <source>再配布しますか？</source>
            <translation>Hand out again?</translation>
        </message>
        <message>
            <source>回収済み {when}</source>
            <translation>collected {when}</translation>
        </message>
        <message>
            <source>、要確認 {n} 件</source>
            <translation>, {n} needing review</translation>
        </message>
        <message>
            <source>確定済みの計画（ファイルでは入力できません）: {plans}</source>
            <translation>Plans fixed for the year (nothing can be entered for them in the files): {plans}</translation>
        </message>
        <message>
            <source>過ぎた年度の配布</source>
            <translation>Handing out for a past year</translation>
        </message>
        <message>
            <source>{d}　（配布しない: {y}に担当する項目なし）</source>
            <translation>{d}  (not handed out: nothing to fill in {y})</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="58" />
            <source>提出用ファイルの配布</source>
            <translation>Hand out department files</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="71" />
            <source>参照(&amp;B)…</source>
            <translation>&amp;Browse…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="78" />
            <source>作成する(&amp;M)</source>
            <translation>&amp;Make</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="79" />
            <source>閉じる(&amp;C)</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="82" />
            <source>すべて選択(&amp;A)</source>
            <translation>Select &amp;all</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="82" />
            <source>選択を解除(&amp;U)</source>
            <translation>Select &amp;none</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="93" />
            <source>年度(&amp;Y)</source>
            <translation>Fiscal &amp;year</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="95" />
            <source>配布する課(&amp;T)</source>
            <translation>Depar&amp;tments</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="98" />
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="110" />
            <source>保存先フォルダ(&amp;O)</source>
            <translation>&amp;Output folder</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="121" />
            <source>課を1つ以上選んでください。</source>
            <translation>Choose at least one department.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="138" />
            <source>{n} 課の提出用ファイルを作りました: {folder}</source>
            <translation>Created files for {n} departments in {folder}</translation>
        </message>
        <message>
            <source>提出用ファイル（.kdesk）</source>
            <translation>Department file (.kdesk)</translation>
        </message>
        <message>
            <source>Excel ブック（.xlsx）</source>
            <translation>Excel workbook (.xlsx)</translation>
        </message>
        <message>
            <source>両方（.kdesk と .xlsx）</source>
            <translation>Both (.kdesk and .xlsx)</translation>
        </message>
        <message>
            <source>ファイルの形式(&amp;F)</source>
            <translation>File &amp;format</translation>
        </message>
    </context>
    <context>
        <name>KpiForm</name>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="295" />
            <source>数値は「1,234人」「80.9%」「+600人」のように入力できます（全角可）。値がないときは 「-」（調査なし）「—」（なし）「（※4）」（注記参照）。赤: 入力の誤り（保存されません）、黄: 確認が必要な値、青字: 未保存の変更。</source>
            <translation>Enter numbers as 1,234人, 80.9% or +600人 (full-width digits are fine). Without a value: "-" (no survey), "—" (none), "（※4）" (see note). Red: invalid input (not saved); yellow: value to check; blue: unsaved change.</translation>
        </message>
    </context>
    <context>
        <name>KpiTableModel</name>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="97" />
            <source>指標</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="99" />
            <source>単位</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="101" />
            <source>注記</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="103" />
            <source>基準値</source>
            <translation>Baseline</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="103" />
            <source>目標</source>
            <translation>Target</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="104" />
            <source>実績</source>
            <translation>Actual</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="104" />
            <source>実績（見込）</source>
            <translation>Forecast</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="171" />
            <source>（累計）</source>
            <translation> (cumulative)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="173" />
            <source>（内数）</source>
            <translation>(of which) </translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="201" />
            <source>対象時点: </source>
            <translation>Refers to: </translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="205" />
            <source>目標の版: </source>
            <translation>Target version: </translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="205" />
            <source>当初</source>
            <translation>original</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="206" />
            <source>改訂</source>
            <translation>revised</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="207" />
            <source>再設定</source>
            <translation>reset</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/kpi_model.py" line="237" />
            <source>{name} {year}{kind}の入力</source>
            <translation>Enter {name}, {year} {kind}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>ほかで計画が追加・変更されています。保存すると読み込み直します（入力はそのまま残ります）。</source>
            <translation>Plans were added or changed elsewhere. They are read again when you save (what you typed stays).</translation>
        </message>
        <message>
            <source>ほかで計画が追加・変更されたため、読み込み直しました。</source>
            <translation>Plans were added or changed elsewhere: read again.</translation>
        </message>
        <message>
            <source>ほかで変更された項目があるため、元に戻す履歴は消えました（入力はそのまま残っています）。</source>
            <translation> Some fields were changed elsewhere, so the undo history was cleared (what you typed stays).</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="243" />
            <source>ファイル(&amp;F)</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="244" />
            <source>最近使ったファイル(&amp;R)</source>
            <translation>&amp;Recent files</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="245" />
            <source>編集(&amp;E)</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="246" />
            <source>表示(&amp;V)</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="247" />
            <source>言語 / Language(&amp;L)</source>
            <translation>言語 / &amp;Language</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="248" />
            <source>ヘルプ(&amp;H)</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="249" />
            <source>年次作業(&amp;R)</source>
            <translation>Yearly &amp;round</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="250" />
            <source>提出用ファイルの配布(&amp;H)…</source>
            <translation>&amp;Hand out department files…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="251" />
            <source>回収状況と取り込み(&amp;C)…</source>
            <translation>&amp;Collection status and import…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="252" />
            <source>競合の確認(&amp;K)…</source>
            <translation>Re&amp;view conflicts…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="253" />
            <source>変更履歴（監査ログ）(&amp;A)…</source>
            <translation>Change history (&amp;audit log)…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="254" />
            <source>別のデータベースを開く(&amp;O)…</source>
            <translation>&amp;Open another database…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="255" />
            <source>保存(&amp;S)</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <source>名前を付けて保存(&amp;A)…</source>
            <translation>Save &amp;As…</translation>
        </message>
        <message>
            <source>このファイルを別の場所に写して開き、そこに保存します（書き込めないフォルダーのとき）</source>
            <translation>Copy this file to another place, open it there and save there (when its folder cannot be written to)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="256" />
            <source>印刷用PDF作成(&amp;P)…</source>
            <translation>Committee &amp;PDF…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="257" />
            <source>Excel出力(&amp;X)…</source>
            <translation>E&amp;xcel export…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="258" />
            <source>終了(&amp;Q)</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="259" />
            <source>検索(&amp;F)</source>
            <translation>&amp;Find</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="260" />
            <source>バージョン情報(&amp;A)</source>
            <translation>&amp;About</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="261" />
            <source>元に戻す(&amp;U)</source>
            <translation>&amp;Undo</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="262" />
            <source>やり直し(&amp;R)</source>
            <translation>&amp;Redo</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="263" />
            <source> 入力年度(&amp;Y) </source>
            <translation> Fiscal &amp;year </translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="264" />
            <source> 担当課(&amp;D) </source>
            <translation> &amp;Department </translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="265" />
            <source>（すべての課）</source>
            <translation>(all departments)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="266" />
            <source>検索（Ctrl+F）</source>
            <translation>Search (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="267" />
            <source>今年度の未入力のみ(&amp;M)</source>
            <translation>Only &amp;missing this year</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="309" />
            <source>{d} {y} 提出用ファイル</source>
            <translation>{d} {y} department file</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="318" />
            <source>（担当課未選択）</source>
            <translation>(no department chosen)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="319" />
            <source>担当課: {d}　入力年度: {y}</source>
            <translation>Department: {d}   Fiscal year: {y}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="441" />
            <source>保存できません</source>
            <translation>Cannot save</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="444" />
            <source>{n} 件の変更を保存しました。</source>
            <translation>Saved {n} change(s).</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="446" />
            <source>（誤りのある入力 {n} 件は保存していません）</source>
            <translation> ({n} invalid entries were not saved)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="453" />
            <source>保存する</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="454" />
            <source>保存しない</source>
            <translation>Don't save</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="455" />
            <source>キャンセル</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="468" />
            <source>未保存の変更</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="469" />
            <source>保存していない変更があります。保存しますか？</source>
            <translation>There are unsaved changes. Save them?</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="504" />
            <source>データベースを開く</source>
            <translation>Open database</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="505" />
            <source>Kodaira Desk データベース (*.sqlite *.db);;すべてのファイル (*)</source>
            <translation>Kodaira Desk database (*.sqlite *.db);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="515" />
            <source>開けません</source>
            <translation>Cannot open</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="561" />
            <source>Excel出力</source>
            <translation>Excel export</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="561" />
            <source>Excel ブック (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="571" />
            <source>書き出せません</source>
            <translation>Cannot export</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="574" />
            <source>書き出しました: {path}</source>
            <translation>Exported: {path}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="622" />
            <source>Kodaira Desk について</source>
            <translation>About Kodaira Desk</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/main_window.py" line="623" />
            <source>&lt;h3&gt;Kodaira Desk {version}&lt;/h3&gt;&lt;p&gt;小平市 戦略計画の進捗・KPI入力&lt;/p&gt;&lt;p&gt;データ版: {data}&lt;br&gt;データファイル: {path}&lt;/p&gt;&lt;p&gt;フォント: IPAexゴシック（IPAフォントライセンス v1.0）&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Kodaira Desk {version}&lt;/h3&gt;&lt;p&gt;Progress and KPI entry for Kodaira City's strategic plans&lt;/p&gt;&lt;p&gt;Data version: {data}&lt;br&gt;Data file: {path}&lt;/p&gt;&lt;p&gt;Font: IPAex Gothic (IPA Font License v1.0)&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>MeasureForm</name>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="162" />
            <source>進捗状況(&amp;S)</source>
            <translation>&amp;Status</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="164" />
            <source>1行に1項目。「・」で始まる行は箇条書き、《》の行は小見出しになります。</source>
            <translation>One item per line. A line starting with ・ is a bullet; a line in 《》 is a sub-heading.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="198" />
            <source>（記録はありません）</source>
            <translation>(nothing recorded)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="214" />
            <source>進捗状況の入力</source>
            <translation>Enter progress status</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="220" />
            <source>実施等状況の入力</source>
            <translation>Enter what was done</translation>
        </message>
        <message>
            <source>{year}の{word}(&amp;N)</source>
            <translation>{word} i&amp;n {year}</translation>
        </message>
        <message>
            <source>これまでの{word}（参照のみ）(&amp;K)</source>
            <translation>E&amp;arlier {word} (read only)</translation>
        </message>
    </context>
    <context>
        <name>NodeHeader</name>
        <message>
            <source>（策定時の計画期間: {a} ～ {b}）</source>
            <translation> (as adopted: {a} – {b})</translation>
        </message>
        <message>
            <source>この計画は{last}で終わっています（入力年度 {year}）。{last}までを表示します。</source>
            <translation>This plan ended in {last} (working year {year}): shown up to {last}.</translation>
        </message>
        <message>
            <source>この計画は{first}からです（入力年度 {year}）。{first}からを表示します。</source>
            <translation>This plan starts in {first} (working year {year}): shown from {first}.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="82" />
            <source>計画期間: {a} ～ {b}</source>
            <translation>Plan period: {a} – {b}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="92" />
            <source>所管課: {d}</source>
            <translation>Department: {d}</translation>
        </message>
        <message>
            <source>説明</source>
            <translation>Description</translation>
        </message>
    </context>
    <context>
        <name>NodePage</name>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="376" />
            <source>左の一覧から項目を選んでください。</source>
            <translation>Choose an item in the list on the left.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="377" />
            <source>進捗状況</source>
            <translation>Progress</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="377" />
            <source>指標（KPI）</source>
            <translation>Indicators (KPI)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="378" />
            <source>予算</source>
            <translation>Budget</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="378" />
            <source>年次計画</source>
            <translation>Schedule</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="411" />
            <source>この項目に入力するものはありません。下の階層の項目を選んでください。</source>
            <translation>Nothing is entered at this level. Choose an item below it.</translation>
        </message>
    </context>
    <context>
        <name>PlanTreeModel</name>
        <message>
            <location filename="../../kodaira_desk/ui/tree_model.py" line="148" />
            <source>計画</source>
            <translation>Plan</translation>
        </message>
        <message>
            <source>入力済</source>
            <translation>Entered</translation>
        </message>
        <message>
            <source>未入力</source>
            <translation>Not entered</translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="65" />
            <source>印刷用PDF作成</source>
            <translation>Committee PDF</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="79" />
            <source>日付を入れる(&amp;D)</source>
            <translation>Print a &amp;date</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="80" />
            <source>「未定稿」を付ける(&amp;U)</source>
            <translation>Mark as d&amp;raft (未定稿)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="82" />
            <source>（すべての課）</source>
            <translation>(all departments)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="95" />
            <source>すべての年度(&amp;A)</source>
            <translation>&amp;All fiscal years</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="103" />
            <source>計画</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="104" />
            <source>帳票(&amp;K)</source>
            <translation>Rep&amp;ort</translation>
        </message>
        <message>
            <source>進捗状況一覧表</source>
            <translation>Progress list (進捗状況一覧表)</translation>
        </message>
        <message>
            <source>達成状況（数値目標・ＫＰＩ一覧）</source>
            <translation>Achievement table: targets and KPIs (達成状況)</translation>
        </message>
        <message>
            <source>取組項目シート</source>
            <translation>Plan sheets (取組項目シート)</translation>
        </message>
        <message>
            <source>実行プログラム（施策ごとの頁）</source>
            <translation>Action program: a page per policy (実行プログラム)</translation>
        </message>
        <message>
            <source>実行プログラムの年度の取組状況</source>
            <translation>Action program: the year's results (年度の取組状況)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="105" />
            <source>資料番号(&amp;N)</source>
            <translation>Handout &amp;no.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="106" />
            <source>会議名(&amp;M)</source>
            <translation>&amp;Meeting</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="110" />
            <source>日付</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="112" />
            <source>担当課(&amp;B)</source>
            <translation>D&amp;epartment</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="118" />
            <source>年度</source>
            <translation>Fiscal year</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="125" />
            <source>プレビュー</source>
            <translation>Preview</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="127" />
            <source>保存(&amp;S)…</source>
            <translation>&amp;Save…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="129" />
            <source>閉じる(&amp;C)</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="213" />
            <source>プレビュー（最初の {n} ページ）</source>
            <translation>Preview (first {n} pages)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="219" />
            <source>PDF を保存</source>
            <translation>Save PDF</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="229" />
            <source>保存しました: {path}</source>
            <translation>Saved: {path}</translation>
        </message>
    </context>
    <context>
        <name>RoundStatusModel</name>
        <message>
            <source>再配布したファイルは未返却</source>
            <translation>reissued file not returned</translation>
        </message>
        <message>
            <source>再配布したファイルは未記入</source>
            <translation>reissued file returned blank</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="143" />
            <source>未返却</source>
            <translation>Missing</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="143" />
            <source>返却済</source>
            <translation>Returned</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="144" />
            <source>取込済</source>
            <translation>Merged</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="144" />
            <source>要確認</source>
            <translation>Needs review</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="145" />
            <source>差し替え済</source>
            <translation>Superseded</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="149" />
            <source>担当課</source>
            <translation>Department</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="149" />
            <source>状態</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="150" />
            <source>返却日時</source>
            <translation>Returned at</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="150" />
            <source>競合</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="151" />
            <source>ファイル</source>
            <translation>File</translation>
        </message>
    </context>
    <context>
        <name>ScheduleForm</name>
        <message>
            <location filename="../../kodaira_desk/ui/forms.py" line="343" />
            <source>各年度に「実施」「→」（継続）などを入力します。</source>
            <translation>Enter 実施 (done), → (continues) and so on for each year.</translation>
        </message>
    </context>
    <context>
        <name>ScheduleModel</name>
        <message>
            <location filename="../../kodaira_desk/ui/plan_tables.py" line="171" />
            <source>実施内容</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/plan_tables.py" line="202" />
            <source>{title} の年次計画</source>
            <translation>Schedule of {title}</translation>
        </message>
    </context>
    <context>
        <name>_AuditModel</name>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="461" />
            <source>日時</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="461" />
            <source>項目</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="461" />
            <source>変更前</source>
            <translation>Before</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="462" />
            <source>変更後</source>
            <translation>After</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="462" />
            <source>経緯</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="462" />
            <source>担当者</source>
            <translation>By</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="464" />
            <source>入力</source>
            <translation>Typed</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="464" />
            <source>取り込み</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="465" />
            <source>競合の解決</source>
            <translation>Conflict resolution</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="465" />
            <source>移行</source>
            <translation>Migration</translation>
        </message>
    </context>
    <context>
        <name>_ConflictModel</name>
        <message>
            <source>未確認（この写しは触れていない）</source>
            <translation>Unconfirmed (this copy never touched it)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="367" />
            <source>課</source>
            <translation>Department</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="367" />
            <source>項目</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="367" />
            <source>配布時</source>
            <translation>When handed out</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="368" />
            <source>親データベース</source>
            <translation>Master</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="368" />
            <source>課の値</source>
            <translation>Department's value</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="395" />
            <source>（なし）</source>
            <translation>(none)</translation>
        </message>
    </context>
    <context>
        <name>PlanEditorDialog</name>
        <message>
            <source>{department}（{year}）</source>
            <translation>{department} ({year})</translation>
        </message>
        <message>
            <source>「{title}」は、配布中（未回収）の提出用ファイルにあります: {files}。削除すると、返ってきたファイルのこの項目の入力は取り込まれません。削除しますか？</source>
            <translation>"{title}" is in department files handed out and not collected yet: {files}. If you remove it, what is entered for it in the returned files will not be taken in. Remove it?</translation>
        </message>
        <message>
            <source>新しい計画(&amp;N)…</source>
            <translation>&amp;New plan…</translation>
        </message>
        <message>
            <source>次期計画を作成(&amp;X)…</source>
            <translation>Start t&amp;he next period…</translation>
        </message>
        <message>
            <source>元に戻す(&amp;U)</source>
            <translation>&amp;Undo</translation>
        </message>
        <message>
            <source>やり直す(&amp;R)</source>
            <translation>&amp;Redo</translation>
        </message>
        <message>
            <source>構成と指標</source>
            <translation>Structure and indicators</translation>
        </message>
        <message>
            <source>課と再編</source>
            <translation>Departments and reorganisation</translation>
        </message>
        <message>
            <source>計画の編集</source>
            <translation>Edit plans</translation>
        </message>
        <message>
            <source>番号・項目名</source>
            <translation>Number and title</translation>
        </message>
        <message>
            <source>階層</source>
            <translation>Level</translation>
        </message>
        <message>
            <source>担当課</source>
            <translation>Department</translation>
        </message>
        <message>
            <source>指標</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <source>追加する項目の名前</source>
            <translation>Title of the item to add</translation>
        </message>
        <message>
            <source>項目</source>
            <translation>Item</translation>
        </message>
        <message>
            <source>項目を保存(&amp;S)</source>
            <translation>&amp;Save item</translation>
        </message>
        <message>
            <source>（新しい指標）</source>
            <translation>(new indicator)</translation>
        </message>
        <message>
            <source>計画(&amp;P)</source>
            <translation>&amp;Plan</translation>
        </message>
        <message>
            <source>最上位に追加(&amp;T)</source>
            <translation>Add at top &amp;level</translation>
        </message>
        <message>
            <source>下に追加(&amp;B)</source>
            <translation>Add &amp;below</translation>
        </message>
        <message>
            <source>↑ 上へ(&amp;8)</source>
            <translation>↑ M&amp;ove up</translation>
        </message>
        <message>
            <source>↓ 下へ(&amp;2)</source>
            <translation>↓ Move do&amp;wn</translation>
        </message>
        <message>
            <source>→ 一段下げる(&amp;6)</source>
            <translation>→ &amp;Indent</translation>
        </message>
        <message>
            <source>← 一段上げる(&amp;4)</source>
            <translation>← Ou&amp;tdent</translation>
        </message>
        <message>
            <source>番号を振り直す(&amp;M)</source>
            <translation>Renu&amp;mber</translation>
        </message>
        <message>
            <source>削除(&amp;D)</source>
            <translation>R&amp;emove</translation>
        </message>
        <message>
            <source>指標を保存(&amp;V)</source>
            <translation>Sa&amp;ve indicator</translation>
        </message>
        <message>
            <source>目標の再設定(&amp;E)…</source>
            <translation>Revise tar&amp;get…</translation>
        </message>
        <message>
            <source>指標を削除(&amp;L)</source>
            <translation>Remove indic&amp;ator</translation>
        </message>
        <message>
            <source>追加する項目の名前を入力してください。</source>
            <translation>Type the title of the item to add.</translation>
        </message>
        <message>
            <source>再設定する指標を選んでください（保存済みの指標だけが再設定できます）。</source>
            <translation>Choose the indicator to revise (only saved indicators can be revised).</translation>
        </message>
        <message>
            <source>「{title}」と、{nodes}・{indicators}・{values}を削除します。削除した内容は変更履歴に残り、「元に戻す」で復元できます。よろしいですか？</source>
            <translation>This removes "{title}" with {nodes}, {indicators} and {values}. What is removed stays in the change history and Undo brings it back. Remove it?</translation>
        </message>
        <message numerus="yes">
            <source>その下の %n 項目</source>
            <translation>
                <numerusform>the %n item under it</numerusform>
                <numerusform>the %n items under it</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>指標 %n 件</source>
            <translation>
                <numerusform>%n indicator</numerusform>
                <numerusform>%n indicators</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>入力済みの値 %n 件</source>
            <translation>
                <numerusform>%n entered value</numerusform>
                <numerusform>%n entered values</numerusform>
            </translation>
        </message>
        <message>
            <source>項目の削除</source>
            <translation>Remove item</translation>
        </message>
        <message>
            <source>指標の削除</source>
            <translation>Remove indicator</translation>
        </message>
        <message>
            <source>計画期間 {first}～{last}　階層: {levels}</source>
            <translation>Period {first} – {last}   Levels: {levels}</translation>
        </message>
        <message numerus="yes">
            <source>「{name}」と、その値 %n 件を削除します。よろしいですか？</source>
            <translation>
                <numerusform>This removes "{name}" and its %n value. Remove it?</numerusform>
                <numerusform>This removes "{name}" and its %n values. Remove it?</numerusform>
            </translation>
        </message>
        <message>
            <source>Excelへ書き出し(&amp;W)…</source>
            <translation>E&amp;xport to Excel…</translation>
        </message>
        <message>
            <source>Excelから取り込み(&amp;I)…</source>
            <translation>Import &amp;from Excel…</translation>
        </message>
        <message>
            <source>書き出しています…</source>
            <translation>Exporting…</translation>
        </message>
        <message>
            <source>書き出しました: {path}</source>
            <translation>Exported: {path}</translation>
        </message>
        <message>
            <source>取り込みました: {title}</source>
            <translation>Imported: {title}</translation>
        </message>
        <message>
            <source>Excelへ書き出し</source>
            <translation>Export to Excel</translation>
        </message>
        <message>
            <source>Excelから取り込み</source>
            <translation>Import from Excel</translation>
        </message>
        <message>
            <source>Excel ブック (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <source>年次の報告(&amp;Y)…</source>
            <translation>&amp;Yearly report…</translation>
        </message>
        <message>
            <source>新しい課(&amp;J)…</source>
            <translation>New &amp;department…</translation>
        </message>
    </context>
    <context>
        <name>NewPlanDialog</name>
        <message>
            <source>最新の実績（なければ元の基準値）を新しい基準値にする(&amp;B)</source>
            <translation>Use the latest actuals (else the old baselines) as the new &amp;baselines</translation>
        </message>
        <message>
            <source>計画ID（半角英数字）(&amp;I)</source>
            <translation>Plan &amp;ID (letters, digits, hyphens)</translation>
        </message>
        <message>
            <source>計画名(&amp;T)</source>
            <translation>&amp;Title</translation>
        </message>
        <message>
            <source>計画期間(&amp;E)</source>
            <translation>P&amp;eriod</translation>
        </message>
        <message>
            <source>作成する(&amp;M)</source>
            <translation>&amp;Make</translation>
        </message>
        <message>
            <source>キャンセル</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>次期計画の作成</source>
            <translation>Start the next period</translation>
        </message>
        <message>
            <source>新しい計画</source>
            <translation>New plan</translation>
        </message>
        <message>
            <source>階層の名前（／で区切る）(&amp;L)</source>
            <translation>&amp;Level names (separated by ／)</translation>
        </message>
        <message>
            <source>資料の種類</source>
            <translation>Document kinds</translation>
        </message>
        <message>
            <source>元の計画</source>
            <translation>Started from</translation>
        </message>
        <message>
            <source>計画書(&amp;1)</source>
            <translation>Plan &amp;document</translation>
        </message>
        <message>
            <source>進捗状況一覧表(&amp;2)</source>
            <translation>&amp;Progress list</translation>
        </message>
        <message>
            <source>達成状況（数値目標・KPI一覧）(&amp;3)</source>
            <translation>&amp;Achievement table (targets and KPIs)</translation>
        </message>
        <message>
            <source>取組項目シート(&amp;4)</source>
            <translation>Plan s&amp;heets</translation>
        </message>
        <message>
            <source>実行プログラム(&amp;5)</source>
            <translation>Action p&amp;rogram</translation>
        </message>
        <message>
            <source>表の注記（※）を引き継ぐ（{n} 件）(&amp;F)</source>
            <translation>Carry the tables&apos; &amp;footnotes (※) over ({n})</translation>
        </message>
    </context>
    <context>
        <name>RevisionDialog</name>
        <message>
            <source>目標の再設定</source>
            <translation>Revise a target</translation>
        </message>
        <message>
            <source>指標</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <source>年度</source>
            <translation>Fiscal year</translation>
        </message>
        <message>
            <source>新しい目標</source>
            <translation>New target</translation>
        </message>
        <message>
            <source>再設定の理由</source>
            <translation>Reason for the revision</translation>
        </message>
        <message>
            <source>再設定する(&amp;R)</source>
            <translation>&amp;Revise</translation>
        </message>
        <message>
            <source>キャンセル</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>IndicatorForm</name>
        <message>
            <source>累計(&amp;C)</source>
            <translation>&amp;Cumulative</translation>
        </message>
        <message>
            <source>番号</source>
            <translation>Number</translation>
        </message>
        <message>
            <source>指標の番号</source>
            <translation>Indicator number</translation>
        </message>
        <message>
            <source>資料に「1」「2」のように印刷される番号です。新しい指標には同じ項目の次の番号が入ります。</source>
            <translation>The number printed in the documents (1, 2, …). A new indicator starts with the next number of its item.</translation>
        </message>
        <message>
            <source>基準日（例: 令和6年4月1日現在）</source>
            <translation>Reference date (e.g. 令和6年4月1日現在)</translation>
        </message>
        <message>
            <source>指標名</source>
            <translation>Indicator name</translation>
        </message>
        <message>
            <source>内数（親の指標）</source>
            <translation>Breakdown of (parent indicator)</translation>
        </message>
        <message>
            <source>所管課</source>
            <translation>Lead department</translation>
        </message>
        <message>
            <source>関連課（、で区切る）</source>
            <translation>Related departments (separated by 、)</translation>
        </message>
        <message>
            <source>調査・出典</source>
            <translation>Survey / source</translation>
        </message>
        <message>
            <source>基準値</source>
            <translation>Baseline</translation>
        </message>
        <message>
            <source>目標</source>
            <translation>Targets</translation>
        </message>
        <message>
            <source>（内数ではない）</source>
            <translation>(not a breakdown)</translation>
        </message>
        <message>
            <source>単位</source>
            <translation>Unit</translation>
        </message>
        <message>
            <source>再設定: {value}（{reason}）</source>
            <translation>Revised: {value} ({reason})</translation>
        </message>
        <message>
            <source>新しい課(&amp;K)…</source>
            <translation>New &amp;department…</translation>
        </message>
        <message>
            <source>提案の課にする(&amp;O)</source>
            <translation>Ta&amp;ke the proposed department</translation>
        </message>
    </context>
    <context>
        <name>DepartmentsPanel</name>
        <message>
            <source>課</source>
            <translation>Department</translation>
        </message>
        <message>
            <source>読み（五十音順）</source>
            <translation>Reading (kana order)</translation>
        </message>
        <message>
            <source>コード</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>課を保存(&amp;S)</source>
            <translation>&amp;Save department</translation>
        </message>
        <message>
            <source>課の読みとコード</source>
            <translation>Reading and code</translation>
        </message>
        <message>
            <source>読み（ひらがな）</source>
            <translation>Reading (hiragana)</translation>
        </message>
        <message>
            <source>元の課（、で区切る）</source>
            <translation>Departments before (separated by 、)</translation>
        </message>
        <message>
            <source>新しい課（、で区切る）</source>
            <translation>Departments after (separated by 、)</translation>
        </message>
        <message>
            <source>再編を記録する(&amp;G)</source>
            <translation>Record the reor&amp;ganisation</translation>
        </message>
        <message>
            <source>課の再編（年度から有効）</source>
            <translation>Reorganisation (effective from a fiscal year)</translation>
        </message>
        <message>
            <source>種類</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>有効となる年度</source>
            <translation>Effective from</translation>
        </message>
        <message>
            <source>元の課</source>
            <translation>Before</translation>
        </message>
        <message>
            <source>新しい課</source>
            <translation>After</translation>
        </message>
        <message>
            <source>名称変更</source>
            <translation>Rename</translation>
        </message>
        <message>
            <source>統合（複数の課を一つに）</source>
            <translation>Merge (several into one)</translation>
        </message>
        <message>
            <source>分割（一つの課を複数に）</source>
            <translation>Split (one into several)</translation>
        </message>
        <message>
            <source>分割では、項目ごとに新しい課を選びます。</source>
            <translation>A split asks which new department takes each item.</translation>
        </message>
        <message>
            <source>再編の履歴</source>
            <translation>History of reorganisations</translation>
        </message>
        <message>
            <source>（なし）</source>
            <translation>(none)</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>計画の編集(&amp;E)…</source>
            <translation>&amp;Edit plans…</translation>
        </message>
    </context>
    <context>
        <name>IndicatorForm</name>
        <message>
            <source>再設定: {value}</source>
            <translation>Revised: {value}</translation>
        </message>
        <message>
            <source>改訂後: {value}</source>
            <translation>Later document: {value}</translation>
        </message>
    </context>
    <context>
        <name>SplitDialog</name>
        <message>
            <source>分割: 項目の割り当て</source>
            <translation>Split: assign the items</translation>
        </message>
        <message>
            <source>分割を記録する(&amp;R)</source>
            <translation>&amp;Record the split</translation>
        </message>
        <message>
            <source>キャンセル</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>それぞれの項目を受け持つ新しい課を選んでください。</source>
            <translation>Choose the new department that takes each item.</translation>
        </message>
    </context>
    <context>
        <name>IndicatorForm</name>
        <message>
            <source>注記</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>1行に1つ（例: ※1 隔年の調査のため、偶数年度のみ）</source>
            <translation>One a line (e.g. ※1 surveyed every other year)</translation>
        </message>
    </context>
    <context>
        <name>TrendChart</name>
        <message>
            <source>年度</source>
            <translation>Fiscal year</translation>
        </message>
        <message>
            <source>グラフにする数値がありません</source>
            <translation>No figures to chart</translation>
        </message>
        <message>
            <source>実績</source>
            <translation>Actual</translation>
        </message>
        <message>
            <source>実績（見込）</source>
            <translation>Actual (forecast)</translation>
        </message>
        <message>
            <source>基準値</source>
            <translation>Baseline</translation>
        </message>
        <message>
            <source>当初目標</source>
            <translation>Original target</translation>
        </message>
        <message>
            <source>改訂後の目標</source>
            <translation>Revised target</translation>
        </message>
        <message>
            <source>目標</source>
            <translation>Target</translation>
        </message>
    </context>
    <context>
        <name>AchievementListModel</name>
        <message>
            <source>要確認</source>
            <translation>To check</translation>
        </message>
        <message>
            <source>状況</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>達成率</source>
            <translation>Rate</translation>
        </message>
        <message>
            <source>指標</source>
            <translation>Indicator</translation>
        </message>
        <message>
            <source>（見込）</source>
            <translation> (forecast)</translation>
        </message>
    </context>
    <context>
        <name>KpiChartPane</name>
        <message>
            <source>{year}: 要確認　{why}</source>
            <translation>{year}: to check. {why}</translation>
        </message>
        <message>
            <source>低いほど良い指標(&amp;L)</source>
            <translation>&amp;Lower is better</translation>
        </message>
        <message>
            <source>この指標は値が小さいほど良いものとして達成率を計算します（計画ごとの設定）。</source>
            <translation>The rate of this indicator is computed with lower values being better (a setting of the plan).</translation>
        </message>
        <message>
            <source>{year}: {mark} {status}</source>
            <translation>{year}: {mark} {status}</translation>
        </message>
        <message>
            <source>　達成率 {rate}</source>
            <translation>  rate {rate}</translation>
        </message>
    </context>
    <context>
        <name>BoardModel</name>
        <message>
            <source>計画</source>
            <translation>Plan</translation>
        </message>
        <message>
            <source>担当課</source>
            <translation>Department</translation>
        </message>
        <message>
            <source>指標数</source>
            <translation>Indicators</translation>
        </message>
        <message>
            <source>指標入力済</source>
            <translation>Indicators entered</translation>
        </message>
        <message>
            <source>指標未入力</source>
            <translation>Indicators missing</translation>
        </message>
        <message>
            <source>取組入力済</source>
            <translation>Measures entered</translation>
        </message>
        <message>
            <source>取組未入力</source>
            <translation>Measures missing</translation>
        </message>
        <message>
            <source>要確認</source>
            <translation>To check</translation>
        </message>
        <message>
            <source>取組数</source>
            <translation>Measures</translation>
        </message>
        <message>
            <source>ダブルクリックで項目を開きます（未入力の項目から）</source>
            <translation>Double-click to open the items (missing ones first)</translation>
        </message>
        <message>
            <source>計</source>
            <translation>Total</translation>
        </message>
    </context>
    <context>
        <name>BoardDialog</name>
        <message>
            <source>進捗ボード</source>
            <translation>Progress board</translation>
        </message>
        <message>
            <source>集計しています…</source>
            <translation>Counting…</translation>
        </message>
        <message>
            <source>集計できません: {error}</source>
            <translation>Cannot count: {error}</translation>
        </message>
        <message>
            <source>指標: 基準値の翌年度から最終目標の年度までに実績（見込）を入力するもの。「-」「（※4）」なども入力済みに数えます。要確認: 累計の減少、内数が合計を超えるなど。取組: その年度の状況と実施等状況。ダブルクリックで未入力の項目を開きます。</source>
            <translation>Indicators: those with an actual (or forecast) to enter, from the year after the baseline to the year of the final target; "-", "（※4）" and the like count as entered. To check: a cumulative value going down, a breakdown above its total. Measures: the year's status and progress text. Double-click opens the missing items.</translation>
        </message>
        <message>
            <source>CSVに書き出す(&amp;E)…</source>
            <translation>&amp;Export as CSV…</translation>
        </message>
        <message>
            <source>閉じる(&amp;C)</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <source>CSVに書き出す</source>
            <translation>Export as CSV</translation>
        </message>
        <message>
            <source>年度(&amp;Y)</source>
            <translation>Fiscal &amp;year</translation>
        </message>
        <message>
            <source>進捗ボード_{year}.csv</source>
            <translation>progress-board_{year}.csv</translation>
        </message>
        <message>
            <source>書き出せません</source>
            <translation>Cannot export</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>進捗ボード（計画・課ごと）(&amp;B)…</source>
            <translation>Progress &amp;board (by plan and department)…</translation>
        </message>
    </context>
    <context>
        <name>BoardDialog</name>
        <message>
            <source>判定の基準を変更(&amp;J)</source>
            <translation>Change the &amp;thresholds</translation>
        </message>
        <message>
            <source>達成率が(&amp;T)</source>
            <translation>&amp;Rate</translation>
        </message>
        <message>
            <source>以上で「達成」、(&amp;O)</source>
            <translation>&amp;or more: "achieved",</translation>
        </message>
        <message>
            <source>以上で「概ね順調」</source>
            <translation>or more: "mostly on track"</translation>
        </message>
        <message>
            <source>判定の基準</source>
            <translation>Thresholds</translation>
        </message>
    </context>
    <context>
        <name>AchievementStatus</name>
        <message>
            <source>達成</source>
            <translation>Achieved</translation>
        </message>
        <message>
            <source>概ね順調</source>
            <translation>Mostly on track</translation>
        </message>
        <message>
            <source>遅れ</source>
            <translation>Behind</translation>
        </message>
        <message>
            <source>判定不能</source>
            <translation>Cannot be judged</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>ファイルを開く(&amp;O)…</source>
            <translation>&amp;Open File…</translation>
        </message>
        <message>
            <source>提出前チェック(&amp;C)…</source>
            <translation>&amp;Check Before Submitting…</translation>
        </message>
        <message>
            <source>提出用に保存(&amp;T)…</source>
            <translation>Save for Su&amp;bmission…</translation>
        </message>
        <message>
            <source>担当者名の変更(&amp;N)…</source>
            <translation>Change your &amp;name…</translation>
        </message>
        <message>
            <source>担当者名</source>
            <translation>Your name</translation>
        </message>
        <message>
            <source>変更履歴に残す担当者名（例: 政策課 山田）を入力してください。ファイル &gt; 担当者名の変更 で変えられます。</source>
            <translation>Enter the name recorded in the change log (e.g. 政策課 山田). You can change it with File &gt; Change Your Name.</translation>
        </message>
        <message>
            <source>処理中に予期しない問題が起きました（{what}）。作業内容は保存されていません。</source>
            <translation>An unexpected problem occurred ({what}). This work was not saved.</translation>
        </message>
        <message>
            <source>できませんでした</source>
            <translation>Could not finish</translation>
        </message>
        <message>
            <source>予期しない問題のため「{what}」を実行できませんでした。入力中の内容はそのまま残っています。</source>
            <translation>An unexpected problem stopped "{what}". What you have typed is still there.</translation>
        </message>
        <message>
            <source>予期しない問題のため「{what}」を実行できませんでした。</source>
            <translation>An unexpected problem stopped "{what}".</translation>
        </message>
        <message>
            <source>保存していない変更は帳票・Excel に入りません。先に保存しますか？</source>
            <translation>Unsaved changes are not included in reports or Excel files. Save first?</translation>
        </message>
        <message>
            <source>保存してから作成</source>
            <translation>Save, then create</translation>
        </message>
        <message>
            <source>保存せずに作成</source>
            <translation>Create without saving</translation>
        </message>
        <message>
            <source>取り込みをやめました（未保存の変更はそのままです）。</source>
            <translation>Collection cancelled (your unsaved changes are kept).</translation>
        </message>
        <message>
            <source>保存しました。提出するファイルは次の 1 つです:
{path}

このファイルをそのまま政策課へ返送してください（メールに添付、または共有フォルダに置く）。名前は変えずに送ってください。</source>
            <translation>Saved. The one file to submit is:
{path}

Send this file back to the Policy Division as it is (attached to an e-mail, or in the shared folder). Do not rename it.</translation>
        </message>
        <message>
            <source>まだ未入力の項目が {n} 件あります（ファイル &gt; 提出前チェック）。</source>
            <translation>{n} items are still blank (File &gt; Check Before Submitting).</translation>
        </message>
        <message>
            <source>提出用に保存</source>
            <translation>Save for Submission</translation>
        </message>
        <message>
            <source>提出用に保存しました: {path}</source>
            <translation>Saved for submission: {path}</translation>
        </message>
        <message>
            <source>ファイルを開く</source>
            <translation>Open File</translation>
        </message>
        <message>
            <source>部門ファイル (*.kdesk);;Kodaira Desk データベース (*.sqlite *.db);;すべてのファイル (*)</source>
            <translation>Department files (*.kdesk);;Kodaira Desk databases (*.sqlite *.db);;All files (*)</translation>
        </message>
        <message>
            <source>未入力: {item}（{plan}）</source>
            <translation>Blank: {item} ({plan})</translation>
        </message>
        <message>
            <source>要確認: {name} — {why}</source>
            <translation>Check: {name} — {why}</translation>
        </message>
    </context>
    <context>
        <name>ClerkBanner</name>
        <message>
            <source>（現在は{c}です）</source>
            <translation> (the current fiscal year is {c})</translation>
        </message>
        <message>
            <source>{d}　{y} 提出用ファイル</source>
            <translation>{d}  {y} submission file</translation>
        </message>
        <message>
            <source>① 左の一覧の {d} の担当項目に {y} の実績と実施等状況を入力　② ファイル &gt; 提出前チェック　③ ファイル &gt; 提出用に保存　④ 保存した「{f}」を政策課へ返送</source>
            <translation>① Enter the {y} results and progress of {d}'s items in the list on the left  ② File &gt; Check Before Submitting  ③ File &gt; Save for Submission  ④ Send the saved "{f}" back to the Policy Division</translation>
        </message>
    </context>
    <context>
        <name>SubmissionCheck</name>
        <message>
            <source>提出前チェック — {d} {y}</source>
            <translation>Check before submitting — {d} {y}</translation>
        </message>
        <message>
            <source>入力に誤り: {what}</source>
            <translation>Invalid entry: {what}</translation>
        </message>
        <message>
            <source>未入力・要確認の項目はありません。「ファイル &gt; 提出用に保存」で保存して返送してください。</source>
            <translation>Nothing is blank or flagged. Save with File &gt; Save for Submission and send the file back.</translation>
        </message>
        <message>
            <source>未入力 {b} 件、要確認 {f} 件。行をダブルクリックするとその項目を開きます。</source>
            <translation>{b} blank, {f} to check. Double-click a line to open that item.</translation>
        </message>
    </context>
    <context>
        <name>OtherValueDialog</name>
        <message>
            <source>別の値</source>
            <translation>Another value</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>親データベースの値（課と違う部分は赤の取り消し線）</source>
            <translation>Master database value (what differs from the department's struck through in red)</translation>
        </message>
        <message>
            <source>課の値（親と違う部分は緑の下線）</source>
            <translation>Department's value (what differs from the master's underlined in green)</translation>
        </message>
        <message>
            <source>{item}　配布時の値: {base}</source>
            <translation>{item}  value when handed out: {base}</translation>
        </message>
        <message>
            <source>（なし）</source>
            <translation>(none)</translation>
        </message>
    </context>
    <context>
        <name>CollectWindow</name>
        <message>
            <source>中止(&amp;A)</source>
            <translation>&amp;Abort</translation>
        </message>
        <message>
            <source>取り込みを中止しました。親データベースは変わっていません。</source>
            <translation>Collection cancelled. The master database is unchanged.</translation>
        </message>
        <message>
            <source>提出用ファイル・Excel ブック (*.kdesk *.xlsx);;すべてのファイル (*)</source>
            <translation>Department files and Excel workbooks (*.kdesk *.xlsx);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message>
            <source>中止(&amp;T)</source>
            <translation>S&amp;top</translation>
        </message>
        <message>
            <source>中止しました。</source>
            <translation>Cancelled.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>処理中です。終わってから閉じてください。</source>
            <translation>Still working. Close the window when it has finished.</translation>
        </message>
        <message>
            <source>計画を読み込んでいます（{n} 件）…</source>
            <translation>Reading the plans ({n})…</translation>
        </message>
        <message>
            <source>読み込み中</source>
            <translation>Reading</translation>
        </message>
        <message>
            <source>計画を読み込めません: {error}</source>
            <translation>The plans cannot be read: {error}</translation>
        </message>
        <message>
            <source>計画の読み込みを取り消しました。絞り込みは掛けていません。</source>
            <translation>Reading the plans was cancelled. The filter has not been applied.</translation>
        </message>
        <message>
            <source>検索しています…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source>検索できません: {error}</source>
            <translation>The search failed: {error}</translation>
        </message>
    </context>
    <context>
        <name>Editor</name>
        <message>
            <source>目標・基準値は政策課が設定します。</source>
            <translation>Targets and baselines are set by the Policy Division.</translation>
        </message>
        <message>
            <source>担当課の定めがない項目です（政策課が入力します）。{d}のファイルでは入力できません。</source>
            <translation>No department is in charge of this item (the Policy Division enters it). It cannot be changed in the {d} file.</translation>
        </message>
        <message>
            <source>{y}の値はこのファイルでは変更できません（{e}の提出用ファイルです）。</source>
            <translation>{y} values cannot be changed in this file (it is the return file for {e}).</translation>
        </message>
        <message>
            <source>{d}の担当です。</source>
            <translation>This is {d}'s item.</translation>
        </message>
    </context>
    <context>
        <name>EntryGridModel</name>
        <message>
            <source>この欄は入力欄ではありません。</source>
            <translation>This is not an entry cell.</translation>
        </message>
        <message>
            <source>{what}の入力</source>
            <translation>Entry of {what}</translation>
        </message>
    </context>
    <context>
        <name>KpiTableModel</name>
        <message>
            <source>単位: {u}</source>
            <translation>Unit: {u}</translation>
        </message>
        <message>
            <source>担当: {d}</source>
            <translation>Department: {d}</translation>
        </message>
        <message>
            <source>注記: {n}</source>
            <translation>Note: {n}</translation>
        </message>
    </context>
    <context>
        <name>ScheduleModel</name>
        <message>
            <source>{title} {year}の年次計画</source>
            <translation>Schedule of {title}, {year}</translation>
        </message>
    </context>
    <context>
        <name>GridView</name>
        <message>
            <source>貼り付け</source>
            <translation>Paste</translation>
        </message>
        <message>
            <source>下方向へコピー</source>
            <translation>Fill down</translation>
        </message>
        <message>
            <source>消去</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>{action}（{n} セル）</source>
            <translation>{action} ({n} cells)</translation>
        </message>
        <message>
            <source>{action}: {n} セルを変更しました。</source>
            <translation>{action}: {n} cells changed.</translation>
        </message>
        <message>
            <source>入力できないセル {n} 個は飛ばしました（{why}）。</source>
            <translation>{n} cells that cannot be entered were skipped ({why}).</translation>
        </message>
        <message>
            <source>表の外にはみ出した {n} 個は貼り付けていません。</source>
            <translation>{n} values beyond the edge of the table were not pasted.</translation>
        </message>
        <message>
            <source>読めない値 {n} 個を赤で示しています。直すか消してください。</source>
            <translation>{n} values that cannot be read are shown in red. Correct or clear them.</translation>
        </message>
        <message>
            <source>入力欄ではありません</source>
            <translation>not an entry cell</translation>
        </message>
    </context>
    <context>
        <name>KpiForm</name>
        <message>
            <source>数値は「1,234人」「80.9%」「+600人」のように入力できます（全角可）。値がないときは 「-」（調査なし）「—」（なし）「（※4）」（注記参照）。赤（×）: 入力の誤り（保存されません）、黄（角の三角）: 確認が必要な値、青の太字: 未保存の変更、灰色（斜線）: このファイルでは入力できない欄。</source>
            <translation>Type values as printed: "1,234人", "80.9%", "+600人" (full width is fine). With no value: "-" (no survey), "—" (none), "（※4）" (see note). Red (×): invalid entry (not saved); yellow (corner triangle): value to check; bold blue: unsaved change; grey (hatched): cannot be entered in this file.</translation>
        </message>
    </context>
    <context>
        <name>Joining</name>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <source>{0}{1}</source>
            <translation>{0} {1}</translation>
        </message>
        <message>
            <source>。</source>
            <translation>. </translation>
        </message>
    </context>
    <context>
        <name>InvalidNotice</name>
        <message>
            <source>保存しないと、変更は失われます。</source>
            <translation>If you don't save, your changes will be lost.</translation>
        </message>
        <message>
            <source>“{name}”への変更を保存しますか？</source>
            <translation>Do you want to save the changes to &quot;{name}&quot;?</translation>
        </message>
        <message>
            <source>保存していない変更があります。</source>
            <translation>There are unsaved changes.</translation>
        </message>
        <message>
            <source>保存していない入力があります</source>
            <translation>Some input is not saved</translation>
        </message>
        <message>
            <source>保存しますか？</source>
            <translation>Save them?</translation>
        </message>
        <message numerus="yes">
            <source>%n 件の変更を保存しました。</source>
            <translation>
                <numerusform>Saved %n change.</numerusform>
                <numerusform>Saved %n changes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>赤いセル %n 個は読めない入力のため保存していません。</source>
            <translation>
                <numerusform>%n red cell holds input that cannot be read and was not saved.</numerusform>
                <numerusform>%n red cells hold input that cannot be read and were not saved.</numerusform>
            </translation>
        </message>
        <message>
            <source>直すか消してから、もう一度保存してください。</source>
            <translation>Correct or clear them, then save again.</translation>
        </message>
        <message>
            <source>・{what}: 「{text}」 — {message}</source>
            <translation>• {what}: "{text}" — {message}</translation>
        </message>
        <message>
            <source>・{what}: {message}</source>
            <translation>• {what}: {message}</translation>
        </message>
        <message>
            <source>ほか {n} 個</source>
            <translation>and {n} more</translation>
        </message>
        <message numerus="yes">
            <source>次の %n 個の赤いセルは読めない入力のため、保存しても保存されません:</source>
            <translation>
                <numerusform>%n red cell holds input that cannot be read and will not be saved:</numerusform>
                <numerusform>These %n red cells hold input that cannot be read and will not be saved:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>ほかで変更された項目</source>
            <translation>Changed elsewhere</translation>
        </message>
        <message>
            <source>上書きして保存</source>
            <translation>Overwrite and save</translation>
        </message>
        <message>
            <source>今は保存しない</source>
            <translation>Do not save now</translation>
        </message>
        <message>
            <source>保存しませんでした（入力はそのまま残っています）。</source>
            <translation>Not saved (your entries are still here).</translation>
        </message>
        <message>
            <source>サーバーのデータベースに接続(&amp;D)…</source>
            <translation>Connect to a server &amp;database…</translation>
        </message>
        <message>
            <source>パスワード</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>{url} のパスワード</source>
            <translation>Password for {url}</translation>
        </message>
        <message>
            <source>ほかの人の変更を反映しました（{n} 項目）。</source>
            <translation>Took in changes made by others ({n} fields).</translation>
        </message>
        <message>
            <source>自分の値で上書きして保存</source>
            <translation>Overwrite with mine and save</translation>
        </message>
        <message>
            <source>ほかの人の値にする</source>
            <translation>Take theirs</translation>
        </message>
        <message>
            <source>{field}: 入力した値{mine}／ほかの人の値{now}（読み込んだときは{was}）</source>
            <translation>{field}: you typed {mine}; stored by someone else: {now} (when loaded: {was})</translation>
        </message>
        <message>
            <source>{field}: 入力した値{mine}／ほかの人の値{now}（変更したときは{was}）</source>
            <translation>{field}: you set {mine}; stored by someone else: {now} (when you changed it: {was})</translation>
        </message>
        <message>
            <source>「{text}」</source>
            <translation>"{text}"</translation>
        </message>
        <message>
            <source>（空欄）</source>
            <translation>(empty)</translation>
        </message>
    </context>
    <context>
        <name>RoundStatusModel</name>
        <message>
            <source>（課長確認 {name}）</source>
            <translation> (head's check: {name})</translation>
        </message>
        <message>
            <source>競合 {n} 件</source>
            <translation>{n} conflict(s)</translation>
        </message>
        <message>
            <source>担当外の変更 {n} 件</source>
            <translation>{n} change(s) outside the department's fields</translation>
        </message>
        <message>
            <source>配布年度以外の変更 {n} 件</source>
            <translation>{n} change(s) to another year</translation>
        </message>
        <message>
            <source>確定済みの年度の変更 {n} 件</source>
            <translation>{n} change(s) to a fixed year</translation>
        </message>
        <message>
            <source>計画から削除された項目の値 {n} 件</source>
            <translation>{n} value(s) of items removed from the plan</translation>
        </message>
        <message>
            <source>課長確認なし</source>
            <translation>no head&apos;s check</translation>
        </message>
        <message>
            <source>・</source>
            <translation>; </translation>
        </message>
        <message>
            <source>理由・版</source>
            <translation>Reason / revision</translation>
        </message>
        <message>
            <source>未記入</source>
            <translation>Not filled in</translation>
        </message>
        <message>
            <source>第{n}版</source>
            <translation>revision {n}</translation>
        </message>
        <message>
            <source>ブック第{n}版（保存日時の記録なし）</source>
            <translation>workbook no. {n} (no save time recorded)</translation>
        </message>
        <message>
            <source>ブック第{n}版（{saved} 保存）</source>
            <translation>workbook no. {n} (saved {saved})</translation>
        </message>
        <message>
            <source>・日時は確かでない</source>
            <translation>, time uncertain</translation>
        </message>
        <message>
            <source>／</source>
            <translation> / </translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>解決を元に戻す(&amp;U)</source>
            <translation>&amp;Undo the resolution</translation>
        </message>
        <message>
            <source>解決を元に戻しました: {item}</source>
            <translation>Resolution undone: {item}</translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message>
            <source>達成状況の列を付ける(&amp;J)</source>
            <translation>Add a status co&amp;lumn (achievement of the latest year)</translation>
        </message>
        <message>
            <source>基本目標ごとに指標の推移のグラフを付ける(&amp;G)</source>
            <translation>Add a page of indicator trend charts per &amp;goal</translation>
        </message>
        <message>
            <source>印刷(&amp;P)…</source>
            <translation>&amp;Print…</translation>
        </message>
        <message>
            <source>{n} ページを印刷しました。</source>
            <translation>Printed {n} pages.</translation>
        </message>
        <message>
            <source>プリンターを開けませんでした: {name}</source>
            <translation>Could not open the printer: {name}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/report_dialog.py" line="99" />
            <source>値に付けたメモを注記として載せる(&amp;F)</source>
            <translation>List the notes on the figures as &amp;footnotes</translation>
        </message>
    </context>
    <context>
        <name>ImportPreviewDialog</name>
        <message>
            <source>取り込んでいます…</source>
            <translation>Importing…</translation>
        </message>
        <message>
            <source>例: 第2回推進委員会の後、担当課から目標の訂正があったため</source>
            <translation>e.g. The department corrected the target after the 2nd promotion committee</translation>
        </message>
        <message>
            <source>修正の理由(&amp;R)</source>
            <translation>&amp;Reason for the correction</translation>
        </message>
        <message numerus="yes">
            <source>確定済みの年度の値が %n 件変わります（変更点の［確定済み］）。取り込むには修正の理由を入力してください。修正として変更履歴に残り、この後に印刷する帳票は修正版になります。</source>
            <translation>
                <numerusform>%n value of a fixed (確定) year would change (marked ［確定済み］ above). Enter a reason for the correction to import it: it is recorded as a correction in the history, and handouts printed afterwards say 修正版 (revised).</numerusform>
                <numerusform>%n values of a fixed (確定) year would change (marked ［確定済み］ above). Enter a reason for the correction to import them: they are recorded as corrections in the history, and handouts printed afterwards say 修正版 (revised).</numerusform>
            </translation>
        </message>
        <message>
            <source>新しい計画として取り込む</source>
            <translation>Import as a new plan</translation>
        </message>
        <message>
            <source>既存の計画に取り込む: {title}</source>
            <translation>Import into the existing plan: {title}</translation>
        </message>
        <message>
            <source>取り込む(&amp;I)</source>
            <translation>&amp;Import</translation>
        </message>
        <message>
            <source>取り込まない(&amp;N)</source>
            <translation>Do &amp;not import</translation>
        </message>
        <message>
            <source>ファイル</source>
            <translation>File</translation>
        </message>
        <message>
            <source>取り込み先(&amp;T)</source>
            <translation>Import in&amp;to</translation>
        </message>
        <message>
            <source>変更点（まだ何も書き込んでいません）(&amp;H)</source>
            <translation>C&amp;hanges (nothing has been written yet)</translation>
        </message>
        <message>
            <source>Excelから取り込み</source>
            <translation>Import from Excel</translation>
        </message>
        <message>
            <source>読み込んでいます…</source>
            <translation>Reading…</translation>
        </message>
        <message>
            <source>このファイルは取り込めません。何も変更していません。</source>
            <translation>This file cannot be imported. Nothing was changed.</translation>
        </message>
    </context>
    <context>
        <name>ServerDialog</name>
        <message>
            <source>サーバーのデータベースに接続</source>
            <translation>Connect to a server database</translation>
        </message>
        <message>
            <source>サーバー(&amp;S)</source>
            <translation>&amp;Server</translation>
        </message>
        <message>
            <source>ポート(&amp;P)</source>
            <translation>&amp;Port</translation>
        </message>
        <message>
            <source>データベース名(&amp;D)</source>
            <translation>&amp;Database name</translation>
        </message>
        <message>
            <source>利用者名(&amp;U)</source>
            <translation>&amp;User name</translation>
        </message>
        <message>
            <source>暗号化（TLS）(&amp;T)</source>
            <translation>Encryption (&amp;TLS)</translation>
        </message>
        <message>
            <source>接続先（URL）(&amp;L)</source>
            <translation>Connection (UR&amp;L)</translation>
        </message>
        <message>
            <source>パスワードは保存しません。必要なときに尋ねます（環境変数 PGPASSWORD や ~/.pgpass にあれば尋ねません）。</source>
            <translation>The password is never saved. It is asked for when needed (not when PGPASSWORD or ~/.pgpass has it).</translation>
        </message>
        <message>
            <source>接続(&amp;O)</source>
            <translation>C&amp;onnect</translation>
        </message>
        <message>
            <source>最近の接続(&amp;R)</source>
            <translation>&amp;Recent connections</translation>
        </message>
    </context>
    <context>
        <name>ServerOperations</name>
        <message>
            <source>パスワード</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>{url} のパスワード</source>
            <translation>Password for {url}</translation>
        </message>
    </context>
    <context>
        <name>PreviewPane</name>
        <message>
            <source>縮小</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <source>拡大</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <source>幅に合わせる(&amp;W)</source>
            <translation>Fit &amp;width</translation>
        </message>
        <message>
            <source>ページの幅を表示幅に合わせる</source>
            <translation>Fit the page width to the view</translation>
        </message>
        <message>
            <source>前のページ</source>
            <translation>Previous page</translation>
        </message>
        <message>
            <source>次のページ</source>
            <translation>Next page</translation>
        </message>
    </context>
    <context>
        <name>ReportPrint</name>
        <message>
            <source>印刷</source>
            <translation>Print</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>担当課「%1」</source>
            <translation>department "%1"</translation>
        </message>
        <message>
            <source>「%1」に一致する項目はありません。</source>
            <translation>Nothing matches "%1".</translation>
        </message>
        <message>
            <source>（%1 の絞り込みも掛かっています）</source>
            <translation> (also filtered by %1)</translation>
        </message>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
    </context>
    <context>
        <name>AuditDialog</name>
        <message>
            <source>修正</source>
            <translation>Correction</translation>
        </message>
        <message>
            <source>計画の編集</source>
            <translation>Plan edit</translation>
        </message>
        <message>
            <source>確認済み</source>
            <translation>Figure confirmed</translation>
        </message>
    </context>
    <context>
        <name>BoardDialog</name>
        <message>
            <source>指標: 基準値の翌年度から最終目標の年度までに実績（見込）を入力するもの。「-」「（※4）」なども入力済みに数えます。要確認: 累計の減少、内数が合計を超えるなど。取組: その年度の状況と実施等状況。うち変更なし: 実施等状況が前年度と同じもの。ダブルクリックで未入力の項目を開きます。</source>
            <translation>Indicators: those expecting an actual (or forecast) from the year after the baseline to the final target year. "-", "（※4）" and the like count as entered. Check: a cumulative value going down, a breakdown above its total, etc. Measures: the year's status and progress text. Of which unchanged: the progress text is the same as the year before's. Double-click opens the first missing item.</translation>
        </message>
    </context>
    <context>
        <name>BoardModel</name>
        <message>
            <source>うち変更なし</source>
            <translation>Of which unchanged</translation>
        </message>
        <message>
            <source>入力済のうち、実施等状況が前年度と同じもの（変更なしと確認されたもの）</source>
            <translation>Of the entered, those whose progress text is the same as the year before's (confirmed unchanged)</translation>
        </message>
    </context>
    <context>
        <name>CarriedNote</name>
        <message>
            <source>変更なし(&amp;U)</source>
            <translation>&amp;Unchanged</translation>
        </message>
        <message>
            <source>前年度の実施等状況のままでよいことを確認します（政策課では「変更なし」と数えます）。</source>
            <translation>Confirms that last year's progress text still stands (the policy division counts it as unchanged).</translation>
        </message>
        <message>
            <source>【前年度から引継ぎ】{y}の実施等状況を引き継いだ文です。直すか、このままでよければ「変更なし」を押してください（確認しないと未記入として扱われます）。</source>
            <translation>[Carried over] This text is the progress of {y}. Edit it, or if it still stands press "Unchanged" (unconfirmed, it counts as not filled in).</translation>
        </message>
        <message>
            <source>【確認済み】変更なし（{y}と同じ）として確認しました。</source>
            <translation>[Confirmed] Unchanged (the same as {y}).</translation>
        </message>
        <message>
            <source>{y}の実施等状況から書き直しました。</source>
            <translation>Rewritten from the progress text of {y}.</translation>
        </message>
    </context>
    <context>
        <name>ClerkBanner</name>
        <message>
            <source>課長確認が必要です</source>
            <translation>The department head's check is required</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/clerk_mode.py" line="113" />
            <source>政策課からの質問: 未回答 {n} 件</source>
            <translation>Questions from the policy division: {n} unanswered</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/clerk_mode.py" line="116" />
            <source>政策課からの質問: 回答済み {n} 件</source>
            <translation>Questions from the policy division: {n} answered</translation>
        </message>
    </context>
    <context>
        <name>CollectWindow</name>
        <message>
            <source>期限超過: {d}</source>
            <translation>Overdue: {d}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="385" />
            <source>未回答の質問 {n} 件</source>
            <translation>{n} unanswered questions</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>確定済みの年度への変更です。課の値・別の値にするときは修正の理由が必要です（親の値を残すのはそのまま選べます）。</source>
            <translation>A change to a fixed year. Taking the department's value or another one needs a reason for the correction (keeping the master's value does not).</translation>
        </message>
        <message>
            <source>修正の理由がないため、変えませんでした。</source>
            <translation>No reason for the correction: nothing was changed.</translation>
        </message>
        <message>
            <source>修正の理由</source>
            <translation>Reason for the correction</translation>
        </message>
        <message>
            <source>{item} は確定済みの年度です。変える理由を入力してください（変更履歴に残ります）。</source>
            <translation>{item} is in a fixed year. Type the reason for changing it (it is kept in the change history).</translation>
        </message>
    </context>
    <context>
        <name>DepartmentsPanel</name>
        <message>
            <source>メールアドレス</source>
            <translation>Mail address</translation>
        </message>
        <message>
            <source>例: douro@city.kodaira.lg.jp（複数は , で区切る）</source>
            <translation>e.g. douro@city.kodaira.lg.jp (several separated by commas)</translation>
        </message>
        <message>
            <source>提出の催促メールの宛先です。</source>
            <translation>Where reminders to return the file are sent.</translation>
        </message>
        <message>
            <source>課の読み・コード・メールアドレス</source>
            <translation>Reading, code and mail address</translation>
        </message>
    </context>
    <context>
        <name>Editor</name>
        <message>
            <source>{y}は政策課が確定したため、このファイルでは変更できません。</source>
            <translation>{y} was fixed by the policy division and cannot be changed in this file.</translation>
        </message>
        <message>
            <source>{y}は確定済みです。変更は 年次作業 &gt; 年度の確定と修正 で、理由を付けて修正として記録します。</source>
            <translation>{y} is fixed. Record a change as a correction with its reason in Yearly round &gt; Fix a year and corrections.</translation>
        </message>
    </context>
    <context>
        <name>ReminderDialog</name>
        <message>
            <source>課を1つ以上選んでください。</source>
            <translation>Choose at least one department.</translation>
        </message>
        <message>
            <source>催促メールの下書き — {y}</source>
            <translation>Reminder drafts — {y}</translation>
        </message>
        <message>
            <source>期限超過</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <source>アドレス未登録</source>
            <translation>no address</translation>
        </message>
        <message>
            <source>未返却の課には配布したファイルを添付する(&amp;A)</source>
            <translation>&amp;Attach the handed-out file for departments that have not returned it</translation>
        </message>
        <message>
            <source>差出人（空欄: 課の一覧の政策課のアドレス、なければメールソフトの既定）</source>
            <translation>From (empty: the policy division's address in the department list, else the mail client's own)</translation>
        </message>
        <message>
            <source>下書き（.eml）を作り、メールソフトで開きます。Kodaira Desk からは送信しません。内容を確かめてからメールソフトで送ってください。</source>
            <translation>Makes drafts (.eml) and opens them in your mail client. Kodaira Desk sends nothing: check each draft and send it from the mail client.</translation>
        </message>
        <message>
            <source>下書きを作って開く(&amp;M)</source>
            <translation>&amp;Make and open the drafts</translation>
        </message>
        <message>
            <source>フォルダを開く(&amp;F)</source>
            <translation>Open the &amp;folder</translation>
        </message>
        <message>
            <source>催促する課(&amp;D)</source>
            <translation>&amp;Departments to remind</translation>
        </message>
        <message>
            <source>下書きの保存先(&amp;O)</source>
            <translation>F&amp;older for the drafts</translation>
        </message>
        <message>
            <source>下書きの保存先</source>
            <translation>Folder for the drafts</translation>
        </message>
        <message>
            <source>{n} 件の下書きを作りました（送信はしていません）: {folder}</source>
            <translation>Made {n} drafts (nothing was sent): {folder}</translation>
        </message>
        <message>
            <source>（添付: {f}）</source>
            <translation> (attached: {f})</translation>
        </message>
    </context>
    <context>
        <name>RoundSettingsBox</name>
        <message>
            <source>提出期限と課長確認</source>
            <translation>Deadline and head's check</translation>
        </message>
        <message>
            <source>提出期限(&amp;D)</source>
            <translation>&amp;Deadline</translation>
        </message>
        <message>
            <source>返却に課長確認を必須にする(&amp;K)</source>
            <translation>Require the department head's chec&amp;k on returns</translation>
        </message>
        <message>
            <source>課長確認のない返却は、取り込んだうえで「要確認」になります。</source>
            <translation>A return without the head's check is collected and marked as needing review.</translation>
        </message>
    </context>
    <context>
        <name>RoundSettingsDialog</name>
        <message>
            <source>{y}の提出期限と課長確認</source>
            <translation>Deadline and head's check of {y}</translation>
        </message>
        <message>
            <source>変更は、これから取り込むファイルと回収状況に使われます（配布済みのファイルの表示は変わりません）。</source>
            <translation>Changes apply to files collected from now on and to the board (files already handed out keep what they show).</translation>
        </message>
    </context>
    <context>
        <name>RoundStatusModel</name>
        <message>
            <source>期限</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <source>最終返却（版・保存・保存者）</source>
            <translation>Last return (revision, saved, by)</translation>
        </message>
        <message>
            <source>第 {n} 版　保存 {saved}　保存した人 {by}</source>
            <translation>Revision {n}, saved {saved} by {by}</translation>
        </message>
        <message>
            <source>取り込み {at}（{file}）</source>
            <translation>Collected {at} ({file})</translation>
        </message>
        <message>
            <source>課長確認 {name}（{at}）</source>
            <translation>Head's check {name} ({at})</translation>
        </message>
        <message>
            <source>変更なし {u} 件・前年度から引き継いだまま {c} 件</source>
            <translation>Unchanged {u}, carried over untouched {c}</translation>
        </message>
        <message>
            <source>⚠ 期限超過（{n} 日）</source>
            <translation>⚠ Overdue ({n} days)</translation>
        </message>
        <message>
            <source>本日が期限</source>
            <translation>Due today</translation>
        </message>
        <message>
            <source>あと {n} 日</source>
            <translation>{n} days left</translation>
        </message>
        <message>
            <source>期限後に返却</source>
            <translation>Returned late</translation>
        </message>
        <message>
            <source>期限内に返却</source>
            <translation>Returned on time</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="212" />
            <source>質問</source>
            <translation>Questions</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="252" />
            <source>未回答 {n}</source>
            <translation>{n} unanswered</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/round_dialogs.py" line="254" />
            <source>回答あり {n}</source>
            <translation>{n} answered</translation>
        </message>
    </context>
    <context>
        <name>Deadline</name>
        <message>
            <source>提出期限: 未設定</source>
            <translation>Deadline: not set</translation>
        </message>
        <message>
            <source>提出期限 {d}（あと {n} 日）</source>
            <translation>Deadline {d} ({n} days left)</translation>
        </message>
        <message>
            <source>提出期限 {d}（本日が期限）</source>
            <translation>Deadline {d} (due today)</translation>
        </message>
        <message>
            <source>⚠ 期限切れ: 提出期限 {d} を {n} 日過ぎています</source>
            <translation>⚠ Overdue: the deadline {d} passed {n} days ago</translation>
        </message>
    </context>
    <context>
        <name>RoundYearControls</name>
        <message>
            <source>提出期限・課長確認(&amp;D)…</source>
            <translation>&amp;Deadline and head's check…</translation>
        </message>
        <message>
            <source>催促メールを作る(&amp;R)…</source>
            <translation>Make &amp;reminders…</translation>
        </message>
        <message>
            <source>課長確認なしを了承(&amp;G)</source>
            <translation>&amp;Accept without head's check</translation>
        </message>
        <message>
            <source>選んだ課の、課長確認のない返却をそのまま受け付けます（変更履歴に残ります）。</source>
            <translation>Accepts the selected department's return without the head's check (kept in the change history).</translation>
        </message>
        <message>
            <source>　課長確認: 必須</source>
            <translation>  Head's check: required</translation>
        </message>
    </context>
    <context>
        <name>SubmissionCheck</name>
        <message>
            <source>前年度と同じ {n} 件: 前年度の実施等状況のままです。直すか、そのままでよければ選んで「変更なしとして確認」を押してください（確認しないと未記入として扱われます）。</source>
            <translation>Same as last year: {n}. Their progress text is still last year's. Edit them, or select them and press "Confirm unchanged" if they still stand (unconfirmed, they count as not filled in).</translation>
        </message>
        <message>
            <source>変更なしとして確認(&amp;U)</source>
            <translation>Confirm &amp;unchanged</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/clerk_mode.py" line="170" />
            <source>質問に未回答: {what} — {question}</source>
            <translation>Question not answered: {what} — {question}</translation>
        </message>
        <message numerus="yes">
            <source>政策課からの質問に未回答 %n 件（ダブルクリックで回答欄を開きます）。</source>
            <translation>
                <numerusform>%n question from the policy division is not answered (double-click to open the answer box).</numerusform>
                <numerusform>%n questions from the policy division are not answered (double-click to open the answer box).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SubmitDialog</name>
        <message>
            <source>キャンセル</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>提出用に保存 — {d} {y}</source>
            <translation>Save for submission — {d} {y}</translation>
        </message>
        <message>
            <source>未入力 {b} 件、要確認 {f} 件、前年度と同じ（未確認）{s} 件。</source>
            <translation>{b} missing, {f} to check, {s} same as last year (unconfirmed).</translation>
        </message>
        <message>
            <source>未入力・要確認の項目はありません。</source>
            <translation>Nothing missing and nothing to check.</translation>
        </message>
        <message>
            <source>提出前チェックを開く(&amp;P)…</source>
            <translation>Open the &amp;pre-return check…</translation>
        </message>
        <message>
            <source>課長（所属長）が内容を確認しました(&amp;K)</source>
            <translation>The department head chec&amp;ked the contents</translation>
        </message>
        <message>
            <source>確認した人の名前（例: 産業振興課長 佐藤）</source>
            <translation>Name of the person who checked (e.g. Sato, head of the Industry Promotion Section)</translation>
        </message>
        <message>
            <source>課長確認</source>
            <translation>Department head's check</translation>
        </message>
        <message>
            <source>この年度は課長確認が必要です。確認なしで送ると、政策課で「要確認」になります。</source>
            <translation>This year the head's check is required. Sent without it, the file is marked as needing review at the policy division.</translation>
        </message>
        <message>
            <source>課長確認は任意です。確認した場合は名前を記録できます。</source>
            <translation>The head's check is optional. If the head checked, the name can be recorded.</translation>
        </message>
        <message>
            <source>保存済みの第 {n} 版には {name} の課長確認があります。保存し直すと、この版にはあらためて確認が必要です。</source>
            <translation>Saved revision {n} carries {name}'s check. Saving again makes a new revision, which needs its own check.</translation>
        </message>
        <message>
            <source>提出用に保存(&amp;S)</source>
            <translation>&amp;Save for submission</translation>
        </message>
        <message>
            <source>確認した人の名前を入力してください。</source>
            <translation>Type the name of the person who checked.</translation>
        </message>
    </context>
    <context>
        <name>YearLockDialog</name>
        <message>
            <source>年度の確定と修正</source>
            <translation>Fix a year and corrections</translation>
        </message>
        <message>
            <source>記録に残す言葉（例: 第2回推進委員会で報告）</source>
            <translation>A note for the record (e.g. reported to the 2nd committee meeting)</translation>
        </message>
        <message>
            <source>この年度を確定する(&amp;L)…</source>
            <translation>&amp;Fix this year…</translation>
        </message>
        <message>
            <source>修正の理由（必須。変更履歴と帳票の修正版の記録に残ります）</source>
            <translation>Reason for the correction (required; kept in the change history and the revised handouts)</translation>
        </message>
        <message>
            <source>修正を記録する(&amp;R)</source>
            <translation>&amp;Record the correction</translation>
        </message>
        <message>
            <source>修正（確定した年度の値・文章を変える）</source>
            <translation>Correction (change a value or text of a fixed year)</translation>
        </message>
        <message>
            <source>今の値</source>
            <translation>Current value</translation>
        </message>
        <message>
            <source>新しい値</source>
            <translation>New value</translation>
        </message>
        <message>
            <source>理由</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>この計画の修正の記録</source>
            <translation>Corrections of this plan</translation>
        </message>
        <message>
            <source>未確定（保存・取り込み・競合の解決で変更できます）</source>
            <translation>Not fixed (saves, collections and resolutions change it)</translation>
        </message>
        <message>
            <source>確定済み: {at} {by}　{note}</source>
            <translation>Fixed: {at} {by}  {note}</translation>
        </message>
        <message>
            <source>（空欄）</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <source>年度の確定</source>
            <translation>Fix a year</translation>
        </message>
        <message>
            <source>「{plan}」の{y}を確定します。確定すると、この年度の値と文章は保存・取り込み・競合の解決では変わらなくなり、変更は理由を付けた修正として記録されます。確定しますか？</source>
            <translation>Fix {y} of "{plan}"? Once fixed, saves, collections and resolutions no longer change its values and texts; a change is recorded as a correction with its reason.</translation>
        </message>
        <message>
            <source>{y}を確定する(&amp;L)</source>
            <translation>&amp;Fix {y}</translation>
        </message>
        <message>
            <source>{y}を確定しました。</source>
            <translation>{y} is fixed.</translation>
        </message>
        <message>
            <source>修正の理由を入力してください。</source>
            <translation>Type the reason for the correction.</translation>
        </message>
        <message>
            <source>修正を記録しました: {item}</source>
            <translation>Correction recorded: {item}</translation>
        </message>
        <message>
            <source>計画</source>
            <translation>Plan</translation>
        </message>
        <message>
            <source>年度</source>
            <translation>Fiscal year</translation>
        </message>
        <message>
            <source>状態</source>
            <translation>State</translation>
        </message>
        <message>
            <source>項目</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>まだ提出用ファイルが返っていない課があります: {names}。確定すると、後から届いたこの年度の値は反映されず要確認になります。</source>
            <translation>Some departments have not returned their files yet: {names}. Once the year is fixed, the values of this year that arrive later are not applied but held for review.</translation>
        </message>
        <message>
            <source>{d}（{state}）</source>
            <translation>{d} ({state})</translation>
        </message>
        <message>
            <source>未返却</source>
            <translation>Missing</translation>
        </message>
        <message>
            <source>未記入</source>
            <translation>Not filled in</translation>
        </message>
    </context>
    <context>
        <name>_AuditModel</name>
        <message>
            <source>理由・備考</source>
            <translation>Reason / note</translation>
        </message>
        <message>
            <source>修正</source>
            <translation>Correction</translation>
        </message>
        <message>
            <source>確定</source>
            <translation>Fixed</translation>
        </message>
        <message>
            <source>変更なしの確認</source>
            <translation>Confirmed unchanged</translation>
        </message>
        <message>
            <source>課長確認</source>
            <translation>Head's check</translation>
        </message>
        <message>
            <source>了承</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <source>年度の設定</source>
            <translation>Round setting</translation>
        </message>
        <message>
            <source>解決の取り消し</source>
            <translation>Resolution undone</translation>
        </message>
        <message>
            <source>計画の編集</source>
            <translation>Plan edit</translation>
        </message>
        <message>
            <source>確認済み</source>
            <translation>Figure confirmed</translation>
        </message>
    </context>
    <context>
        <name>_CorrectionModel</name>
        <message>
            <source>日時</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>項目</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>変更前</source>
            <translation>Before</translation>
        </message>
        <message>
            <source>変更後</source>
            <translation>After</translation>
        </message>
        <message>
            <source>理由</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>担当者</source>
            <translation>By</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>{n} 件を変更なし（前年度と同じ）として確認しました。</source>
            <translation>{n} confirmed unchanged (the same as last year).</translation>
        </message>
        <message>
            <source>年度の確定と修正(&amp;L)…</source>
            <translation>&amp;Fix a year and corrections…</translation>
        </message>
        <message>
            <source>課長確認: {name}（この版に記録しました）</source>
            <translation>Head's check: {name} (recorded with this revision)</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>前年度と同じ: {item}（{y}の実施等状況のまま）</source>
            <translation>Same as last year: {item} (still the progress text of {y})</translation>
        </message>
    </context>
    <context>
        <name>FieldMarks</name>
        <message>
            <location filename="../../kodaira_desk/ui/field_marks.py" line="84" />
            <source>（{who}）</source>
            <translation> ({who})</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_marks.py" line="85" />
            <source>メモ{who}: {text}</source>
            <translation>Note{who}: {text}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_marks.py" line="88" />
            <source>完了</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_marks.py" line="90" />
            <source>回答あり</source>
            <translation>Answered</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_marks.py" line="92" />
            <source>未回答</source>
            <translation>Unanswered</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_marks.py" line="93" />
            <source>政策課からの質問（{state}）: {text}</source>
            <translation>Question from the policy division ({state}): {text}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_marks.py" line="95" />
            <source>　回答: {text}</source>
            <translation>  Answer: {text}</translation>
        </message>
        <message numerus="yes">
            <source>添付ファイル %n 件: {names}</source>
            <translation>
                <numerusform>%n attached file: {names}</numerusform>
                <numerusform>%n attached files: {names}</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_marks.py" line="108" />
            <source>メモあり</source>
            <translation>has a note</translation>
        </message>
        <message numerus="yes">
            <source>未回答の質問 %n 件</source>
            <translation>
                <numerusform>%n unanswered question</numerusform>
                <numerusform>%n unanswered questions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>回答済みの質問 %n 件</source>
            <translation>
                <numerusform>%n answered question</numerusform>
                <numerusform>%n answered questions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>添付ファイル %n 件</source>
            <translation>
                <numerusform>%n attached file</numerusform>
                <numerusform>%n attached files</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_marks.py" line="121" />
            <source> 右上の三角: メモ、「問」: 未回答の質問、「答」: 回答済みの質問、「添」: 添付ファイル（Shift+F2 で開く）。</source>
            <translation> Triangle at the top right: a note; 「問」: an unanswered question; 「答」: an answered question; 「添」: attached files (Shift+F2 opens them).</translation>
        </message>
    </context>
    <context>
        <name>FieldNotes</name>
        <message>
            <source>実施内容のメモ・添付(&amp;X)…</source>
            <translation>Activities te&amp;xt: note, attachments…</translation>
        </message>
        <message>
            <source>実施内容</source>
            <translation>Activities</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes.py" line="53" />
            <source>メモ・質問・添付ファイル(&amp;M)…</source>
            <translation>No&amp;tes, Questions and Attachments…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes.py" line="55" />
            <source>政策課からの質問(&amp;Q)…</source>
            <translation>&amp;Questions from the Policy Division…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes.py" line="57" />
            <source>質問の一覧(&amp;Q)…</source>
            <translation>All &amp;Questions…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes.py" line="105" />
            <source>メモを付ける欄（表のセル、進捗状況か実施等状況）を選んでから開いてください。</source>
            <translation>Select a field first (a cell of a table, the status or the progress text).</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes.py" line="206" />
            <source>進捗状況のメモ・添付(&amp;C)…</source>
            <translation>Status: note, atta&amp;chments…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes.py" line="208" />
            <source>実施等状況のメモ・添付(&amp;X)…</source>
            <translation>Progress te&amp;xt: note, attachments…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes.py" line="223" />
            <source>進捗状況</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes.py" line="225" />
            <source>実施等状況</source>
            <translation>Progress text</translation>
        </message>
    </context>
    <context>
        <name>FieldNotesDialog</name>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="63" />
            <source>メモ・質問・添付ファイル — {what}</source>
            <translation>Note, questions and attachments — {what}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="72" />
            <source>この値の出典、増減の理由、算出の方法など（{n}字まで）</source>
            <translation>Where the figure comes from, why it changed, how it was counted (up to {n} characters)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="77" />
            <source>メモ</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="130" />
            <source>担当課への質問</source>
            <translation>Question to the department</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="130" />
            <source>添付ファイル</source>
            <translation>Attachments</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="130" />
            <source>Enter で開きます。PDF・画像・Excel ブックを追加できます</source>
            <translation>Enter opens one. PDFs, images and Excel books can be added</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="93" />
            <source>担当課への質問（次の配布で担当課に届きます）</source>
            <translation>A question to the department (it reaches them with the next hand-out)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="95" />
            <source>質問する(&amp;Q)</source>
            <translation>As&amp;k</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="101" />
            <source>政策課からの質問と回答</source>
            <translation>Questions from the policy division and answers</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="111" />
            <source>追加(&amp;A)…</source>
            <translation>&amp;Add…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="114" />
            <source>開く(&amp;P)</source>
            <translation>O&amp;pen</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="117" />
            <source>保存(&amp;S)…</source>
            <translation>&amp;Save…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="119" />
            <source>削除(&amp;D)</source>
            <translation>&amp;Remove</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="126" />
            <source>添付ファイル（PDF・画像・Excel ブック。ここにドラッグしても追加できます）</source>
            <translation>Attachments (PDF, images, Excel workbooks; you can also drop files here)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="169" />
            <source>{what}　値: {value}</source>
            <translation>{what}  Value: {value}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="169" />
            <source>（空欄）</source>
            <translation>(blank)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="176" />
            <source>記入: {who}　{when}</source>
            <translation>Written by {who}  {when}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="178" />
            <source>保存（Ctrl+S）で値と一緒に記録されます。</source>
            <translation>Saved with the values when you save (Ctrl+S).</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="189" />
            <source>この項目への質問はありません。</source>
            <translation>No questions about this field.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="197" />
            <source>{name}（{kind}・{size}）　{who} {when}</source>
            <translation>{name} ({kind}, {size})  {who} {when}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="217" />
            <source>回答入力済み（未保存）</source>
            <translation>Answer typed (not saved)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="219" />
            <source>未回答</source>
            <translation>Unanswered</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="219" />
            <source>回答あり</source>
            <translation>Answered</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="220" />
            <source>完了</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="221" />
            <source>【{state}】{text}</source>
            <translation>[{state}] {text}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="225" />
            <source>質問: {who}　{when}</source>
            <translation>Asked by {who}  {when}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="226" />
            <source>　回答: {who}　{when}</source>
            <translation>  Answered by {who}  {when}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="234" />
            <source>回答を入力してください</source>
            <translation>Type the answer</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="237" />
            <source>回答: {text}</source>
            <translation>Answer: {text}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="244" />
            <source>未完了に戻す(&amp;R)</source>
            <translation>&amp;Reopen</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="244" />
            <source>完了にする(&amp;F)</source>
            <translation>Mar&amp;k closed</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="257" />
            <source>回答</source>
            <translation>Answer</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="264" />
            <source>{what}が長すぎます（{n}字。上限 {max}字）。</source>
            <translation>The {what} is too long ({n} characters; at most {max}).</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="271" />
            <source>メモ・回答の入力</source>
            <translation>Typing notes and answers</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="272" />
            <source>メモ・回答を入力しました。保存（Ctrl+S）で記録されます。</source>
            <translation>Notes and answers typed. Save (Ctrl+S) to keep them.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="283" />
            <source>ほかの処理中です。終わってからもう一度押してください。</source>
            <translation>Something else is running. Press again when it has finished.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="300" />
            <source>質問の文を入力してください。</source>
            <translation>Type the question first.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="305" />
            <source>質問を登録しました。次の配布（再配布）で担当課に届きます。</source>
            <translation>Question recorded. It reaches the department with the next hand-out (or a re-hand-out).</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="309" />
            <source>質問を完了にしました。</source>
            <translation>Question closed.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="309" />
            <source>質問を未完了に戻しました。</source>
            <translation>Question reopened.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="313" />
            <source>添付するファイルを選ぶ</source>
            <translation>Choose files to attach</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="314" />
            <source>PDF・画像・Excel ブック (*.pdf *.png *.jpg *.jpeg *.gif *.xlsx);;すべてのファイル (*)</source>
            <translation>PDF, images, Excel workbooks (*.pdf *.png *.jpg *.jpeg *.gif *.xlsx);;All files (*)</translation>
        </message>
        <message numerus="yes">
            <source>添付しました（%n 件）。</source>
            <translation>
                <numerusform>Attached (%n file).</numerusform>
                <numerusform>Attached (%n files).</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="338" />
            <source>「{name}」を開きました。</source>
            <translation>Opened "{name}".</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="340" />
            <source>「{name}」を開くアプリが見つかりません。「保存…」でファイルに書き出してください。</source>
            <translation>No application opens "{name}". Use "Save…" to write it to a file.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="351" />
            <source>添付ファイルを保存</source>
            <translation>Save attachment</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="360" />
            <source>保存しました: {path}</source>
            <translation>Saved: {path}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="369" />
            <source>添付ファイルの削除</source>
            <translation>Remove attachment</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="369" />
            <source>「{name}」をこの項目から外しますか？</source>
            <translation>Remove "{name}" from this field?</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="370" />
            <source>外す(&amp;R)</source>
            <translation>&amp;Remove</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="370" />
            <source>外さない(&amp;K)</source>
            <translation>&amp;Keep</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="372" />
            <source>「{name}」を外しました。</source>
            <translation>Removed "{name}".</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="0" />
            <source>入力したメモ・回答</source>
            <translation>Typed note or answer</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="0" />
            <source>入力したメモ・回答を入れますか？</source>
            <translation>Keep the note or answer you typed?</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="0" />
            <source>入れる</source>
            <translation>Keep</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="0" />
            <source>入れずに閉じる</source>
            <translation>Close without it</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="0" />
            <source>質問の届け先: {departments}（次の配布・再配布で届きます）</source>
            <translation>The question goes to: {departments} (with the next hand-out or re-hand-out)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/field_notes_dialog.py" line="0" />
            <source>この項目には担当課が決まっていないため、質問を届ける課がありません。担当課を決めてから質問してください。</source>
            <translation>This item has no lead department, so a question would reach nobody. Set its department first.</translation>
        </message>
    </context>
    <context>
        <name>QuestionsDialog</name>
        <message>
            <source>回答</source>
            <translation>Answer</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="97" />
            <source>政策課からの質問 — {d}</source>
            <translation>Questions from the policy division — {d}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="98" />
            <source>質問の一覧</source>
            <translation>All questions</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="111" />
            <source>完了した質問も表示(&amp;H)</source>
            <translation>Show closed questions &amp;too</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="119" />
            <source>選んだ質問への回答を入力し、「回答を入れる」を押してください（保存は Ctrl+S）</source>
            <translation>Type the answer to the selected question and press "Put answer" (save with Ctrl+S)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="120" />
            <source>回答を入れる(&amp;A)</source>
            <translation>Put &amp;answer</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="123" />
            <source>項目のメモ・添付を開く(&amp;M)…</source>
            <translation>Open the field's &amp;notes and attachments…</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="125" />
            <source>完了にする(&amp;F)</source>
            <translation>Mar&amp;k closed</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="167" />
            <source>質問はありません。</source>
            <translation>No questions.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="184" />
            <source>回答: {q}</source>
            <translation>Answer: {q}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="192" />
            <source>回答が長すぎます（{n}字。上限 {max}字）。</source>
            <translation>The answer is too long ({n} characters; at most {max}).</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="195" />
            <source>回答の入力</source>
            <translation>Typing an answer</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="196" />
            <source>{what} への回答</source>
            <translation>Answer about {what}</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="197" />
            <source>回答を入れました。「保存」（Ctrl+S）で記録され、提出用ファイルと一緒に政策課へ届きます。</source>
            <translation>Answer put. Save (Ctrl+S) to keep it; it reaches the policy division with the returned file.</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="220" />
            <source>質問を完了にしました。</source>
            <translation>Question closed.</translation>
        </message>
    </context>
    <context>
        <name>QuestionsModel</name>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="61" />
            <source>担当課</source>
            <translation>Department</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="61" />
            <source>項目</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="61" />
            <source>質問</source>
            <translation>Questions</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="61" />
            <source>状態</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="61" />
            <source>回答</source>
            <translation>Answer</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="77" />
            <source>完了</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="79" />
            <source>回答あり</source>
            <translation>Answered</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="79" />
            <source>回答入力済み（未保存）</source>
            <translation>Answer typed (not saved)</translation>
        </message>
        <message>
            <location filename="../../kodaira_desk/ui/questions_dialog.py" line="80" />
            <source>未回答</source>
            <translation>Unanswered</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>保存していない変更は配布するファイルに入りません。先に保存しますか？</source>
            <translation>Unsaved changes are not included in the files handed out. Save first?</translation>
        </message>
        <message>
            <source>保存してから配布</source>
            <translation>Save, then hand out</translation>
        </message>
        <message>
            <source>保存せずに配布</source>
            <translation>Hand out without saving</translation>
        </message>
    </context>
    <context>
        <name>AuditDialog</name>
        <message>
            <source>絞り込み(&amp;F)</source>
            <translation>&amp;Filter</translation>
        </message>
        <message>
            <source>経緯(&amp;S)</source>
            <translation>&amp;Source</translation>
        </message>
        <message>
            <source>項目名の一部を入力すると、その項目の変更だけを出します。</source>
            <translation>Type part of an item's name to show only its changes.</translation>
        </message>
        <message>
            <source>変更履歴</source>
            <translation>Change history</translation>
        </message>
    </context>
    <context>
        <name>BoardDialog</name>
        <message>
            <source>「達成」とする達成率（以上）</source>
            <translation>Rate from which a value is "achieved"</translation>
        </message>
        <message>
            <source>「概ね順調」とする達成率（以上）</source>
            <translation>Rate from which a value is "on track"</translation>
        </message>
    </context>
    <context>
        <name>BudgetForm</name>
        <message>
            <source>予算の表</source>
            <translation>Budget table</translation>
        </message>
    </context>
    <context>
        <name>BudgetModel</name>
        <message>
            <source>空欄</source>
            <translation>blank</translation>
        </message>
    </context>
    <context>
        <name>ChartDataModel</name>
        <message>
            <source>実績</source>
            <translation>Actual</translation>
        </message>
        <message>
            <source>実績（見込）</source>
            <translation>Actual (forecast)</translation>
        </message>
        <message>
            <source>基準値</source>
            <translation>Baseline</translation>
        </message>
        <message>
            <source>当初目標</source>
            <translation>Original target</translation>
        </message>
        <message>
            <source>改訂後の目標</source>
            <translation>Revised target</translation>
        </message>
        <message>
            <source>目標</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>値なし</source>
            <translation>no value</translation>
        </message>
        <message>
            <source>年度</source>
            <translation>Fiscal year</translation>
        </message>
    </context>
    <context>
        <name>ChartViews</name>
        <message>
            <source>表で見る(&amp;T)</source>
            <translation>As a &amp;table</translation>
        </message>
        <message>
            <source>押すとグラフの代わりに、同じ数値の表を表示します。表は Ctrl+C でコピーできます。</source>
            <translation>Shows the chart's figures as a table instead of the chart. Ctrl+C copies the table.</translation>
        </message>
        <message>
            <source>「{name}」の推移（表）</source>
            <translation>"{name}" by year (table)</translation>
        </message>
        <message>
            <source>指標の推移（表）</source>
            <translation>Indicator by year (table)</translation>
        </message>
    </context>
    <context>
        <name>CollectWindow</name>
        <message>
            <source>取り込みの記録</source>
            <translation>Collection log</translation>
        </message>
        <message>
            <source>取り込みの進み具合</source>
            <translation>Collection progress</translation>
        </message>
        <message>
            <source>課ごとの回収状況</source>
            <translation>Collection status by department</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>未解決の競合</source>
            <translation>Open conflicts</translation>
        </message>
    </context>
    <context>
        <name>DepartmentsPanel</name>
        <message>
            <source>課の一覧</source>
            <translation>Departments</translation>
        </message>
        <message>
            <source>課を選ぶと右に読みとコードが出ます。</source>
            <translation>Choose a department to see its reading and code on the right.</translation>
        </message>
    </context>
    <context>
        <name>EntryGridModel</name>
        <message>
            <source>赤（×）: 読めない入力で、保存されません — {why}</source>
            <translation>Red (×): cannot be read, will not be saved — {why}</translation>
        </message>
        <message>
            <source>灰色（斜線）: 入力できません — {why}</source>
            <translation>Grey (hatched): cannot be entered — {why}</translation>
        </message>
        <message>
            <source>黄（角の印）: 確認が必要です — {why}</source>
            <translation>Yellow (corner mark): to check — {why}</translation>
        </message>
        <message>
            <source>未保存の変更</source>
            <translation>unsaved change</translation>
        </message>
        <message>
            <source>空欄</source>
            <translation>blank</translation>
        </message>
    </context>
    <context>
        <name>HandoutDialog</name>
        <message>
            <source>作成の進み具合</source>
            <translation>Progress</translation>
        </message>
        <message>
            <source>保存先フォルダ</source>
            <translation>Output folder</translation>
        </message>
        <message>
            <source>Kodaira Desk を使う課には提出用ファイル、使わない課には Excel ブックを配ります。</source>
            <translation>Departments with Kodaira Desk get a department file; departments without it get an Excel workbook.</translation>
        </message>
        <message>
            <source>Space キーで選ぶ・外すを切り替えます。</source>
            <translation>Space checks or unchecks a department.</translation>
        </message>
    </context>
    <context>
        <name>IndicatorForm</name>
        <message>
            <source>基準値の年度</source>
            <translation>Baseline year</translation>
        </message>
        <message>
            <source>基準日</source>
            <translation>Baseline date</translation>
        </message>
        <message>
            <source>{year}の目標</source>
            <translation>Target for {year}</translation>
        </message>
    </context>
    <context>
        <name>KpiChartPane</name>
        <message>
            <source>指標ごとの達成状況</source>
            <translation>Status of each indicator</translation>
        </message>
    </context>
    <context>
        <name>KpiForm</name>
        <message>
            <source>指標（KPI）の表</source>
            <translation>Indicator (KPI) table</translation>
        </message>
        <message>
            <source>指標の説明</source>
            <translation>About the indicator</translation>
        </message>
    </context>
    <context>
        <name>KpiTableModel</name>
        <message>
            <source>（単位: {u}）</source>
            <translation> (unit: {u})</translation>
        </message>
    </context>
    <context>
        <name>MeasureForm</name>
        <message>
            <source>一覧から選ぶか、状況を入力します。</source>
            <translation>Choose a status from the list or type one.</translation>
        </message>
        <message>
            <source>前の年度の記録（新しい年度から）。</source>
            <translation>What earlier years recorded, latest first.</translation>
        </message>
    </context>
    <context>
        <name>NewPlanDialog</name>
        <message>
            <source>計画期間の最後の年度</source>
            <translation>Last year of the plan period</translation>
        </message>
        <message>
            <source>計画期間の最初の年度</source>
            <translation>First year of the plan period</translation>
        </message>
    </context>
    <context>
        <name>OtherValueDialog</name>
        <message>
            <source>{item}(&amp;V)</source>
            <translation>&amp;Value of {item}</translation>
        </message>
        <message>
            <source>親データベースに入れる値。Enter（複数行では OK ボタン）で決めます。</source>
            <translation>The value for the master database. Enter (the OK button for several lines) decides.</translation>
        </message>
    </context>
    <context>
        <name>PlanEditorDialog</name>
        <message>
            <source>元に戻せませんでした: {reason} 計画がほかで変更されたため、元に戻す履歴を消しました。</source>
            <translation>Could not undo: {reason} The plan was changed elsewhere, so the undo history was cleared.</translation>
        </message>
    </context>
    <context>
        <name>KpiTableModel</name>
        <message>
            <source>要確認（{what}）: {why}</source>
            <translation>To check ({what}): {why}</translation>
        </message>
        <message>
            <source>確認済みの値です: </source>
            <translation>Confirmed value: </translation>
        </message>
        <message>
            <source>{name} {year}{kind}</source>
            <translation>{name}, {year} {kind}</translation>
        </message>
    </context>
    <context>
        <name>KpiForm</name>
        <message>
            <source>数値は「1,234人」「80.9%」「+600人」のように入力できます（全角可）。値がないときは 「-」（調査なし）「—」（なし）「（※4）」（注記参照）。赤（×）: 入力の誤り（保存されません）、黄（角の三角）: 確認が必要な値（正しければ右クリックか Shift+F10 で「確認済みにする」）、青の太字: 未保存の変更、灰色（斜線）: このファイルでは入力できない欄。</source>
            <translation>Type values as printed: "1,234人", "80.9%", "+600人" (full width is fine). With no value: "-" (no survey), "—" (none), "（※4）" (see note). Red (×): invalid entry (not saved); yellow (corner triangle): value to check (if it is right: right-click or Shift+F10 → "Mark as confirmed"); bold blue: unsaved change; grey (hatched): cannot be entered in this file.</translation>
        </message>
        <message>
            <source>確認済みにする（黄色の確認を外す）</source>
            <translation>Mark as confirmed (remove the yellow check)</translation>
        </message>
        <message>
            <source>確認済みにしました: {what}</source>
            <translation>Confirmed: {what}</translation>
        </message>
    </context>
    <context>
        <name>KpiChartPane</name>
        <message>
            <source>要確認</source>
            <translation>To check</translation>
        </message>
    </context>
    <context>
        <name>PlanEditorDialog</name>
        <message>
            <source>計画の構成</source>
            <translation>Plan structure</translation>
        </message>
        <message>
            <source>項目を選んで右で編集します。ドラッグでも移動できます。</source>
            <translation>Choose an item to edit it on the right. Items can also be dragged.</translation>
        </message>
        <message>
            <source>入力してから「最上位に追加」か「下に追加」を押します。</source>
            <translation>Type a name, then press "Add at top level" or "Add below".</translation>
        </message>
        <message>
            <source>項目の番号</source>
            <translation>Item number</translation>
        </message>
        <message>
            <source>項目名</source>
            <translation>Item name</translation>
        </message>
        <message>
            <source>編集する指標</source>
            <translation>Indicator to edit</translation>
        </message>
    </context>
    <context>
        <name>PreviewPane</name>
        <message>
            <source>ページ番号</source>
            <translation>Page number</translation>
        </message>
        <message>
            <source>プレビュー</source>
            <translation>Preview</translation>
        </message>
        <message>
            <source>PgDown / PgUp でページを移ります。Ctrl++ / Ctrl+- で拡大・縮小します。</source>
            <translation>PgDown / PgUp move between pages; Ctrl++ / Ctrl+- zoom in and out.</translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message>
            <source>資料に入れる日付（和暦で印刷されます）。</source>
            <translation>The date printed on the handout (in the Japanese era).</translation>
        </message>
        <message>
            <source>最初の年度</source>
            <translation>First fiscal year</translation>
        </message>
        <message>
            <source>最後の年度</source>
            <translation>Last fiscal year</translation>
        </message>
        <message>
            <source>資料の右上に入る番号（例: 資料３）。</source>
            <translation>The number printed top right (e.g. 資料３).</translation>
        </message>
        <message>
            <source>作成の進み具合</source>
            <translation>Progress</translation>
        </message>
        <message>
            <source>プレビュー(&amp;V)</source>
            <translation>Pre&amp;view</translation>
        </message>
    </context>
    <context>
        <name>ServerDialog</name>
        <message>
            <source>上の欄から組み立てます。URL をそのまま入力・貼り付けることもできます。</source>
            <translation>Built from the fields above; a URL can also be typed or pasted here.</translation>
        </message>
    </context>
    <context>
        <name>SubmissionCheck</name>
        <message>
            <source>提出前チェックの結果</source>
            <translation>Pre-return check results</translation>
        </message>
    </context>
    <context>
        <name>SubmitDialog</name>
        <message>
            <source>確認した人の名前</source>
            <translation>Name of who checked</translation>
        </message>
    </context>
    <context>
        <name>RoundSettingsDialog</name>
        <message>
            <source>提出期限の日付</source>
            <translation>Deadline date</translation>
        </message>
    </context>
    <context>
        <name>ReminderDialog</name>
        <message>
            <source>差出人</source>
            <translation>Sender</translation>
        </message>
        <message>
            <source>作った下書き</source>
            <translation>Drafts made</translation>
        </message>
        <message>
            <source>Space キーで選ぶ・外すを切り替えます。</source>
            <translation>Space checks or unchecks a department.</translation>
        </message>
        <message>
            <source>参照(&amp;B)…</source>
            <translation>&amp;Browse…</translation>
        </message>
        <message>
            <source>閉じる(&amp;C)</source>
            <translation>&amp;Close</translation>
        </message>
    </context>
    <context>
        <name>YearLockDialog</name>
        <message>
            <source>確定の記録に残す言葉</source>
            <translation>Note kept with the year's lock</translation>
        </message>
    </context>
    <context>
        <name>ScheduleForm</name>
        <message>
            <source>年次計画の表</source>
            <translation>Yearly schedule table</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>入力年度</source>
            <translation>Fiscal year being entered</translation>
        </message>
        <message>
            <source>今年度の未入力のみ</source>
            <translation>Only missing this year</translation>
        </message>
        <message>
            <source>入力する年度。すべてのフォームがこの年度に切り替わります。</source>
            <translation>The fiscal year being entered; every form follows it.</translation>
        </message>
        <message>
            <source>担当課</source>
            <translation>Department</translation>
        </message>
        <message>
            <source>選んだ課の担当項目だけを左の一覧に出します。</source>
            <translation>Shows only the chosen department's items in the list.</translation>
        </message>
        <message>
            <source>検索</source>
            <translation>Search</translation>
        </message>
        <message>
            <source>番号・名前・本文の一部を入力し、Enter で最初に一致した項目へ移ります（Ctrl+F）。</source>
            <translation>Type part of a number, name or text; Enter goes to the first match (Ctrl+F).</translation>
        </message>
        <message>
            <source>検索語を消す</source>
            <translation>Clear the search</translation>
        </message>
        <message>
            <source>入力年度の入力がまだない項目だけを一覧に出します。</source>
            <translation>Shows only the items still missing an entry for the fiscal year.</translation>
        </message>
        <message>
            <source>計画の一覧</source>
            <translation>Plans</translation>
        </message>
        <message>
            <source>計画・目標・施策の階層。Enter で右のフォームへ移ります。各項目の説明は入力済みか未入力かを伝えます。</source>
            <translation>Plans, goals and measures. Enter moves to the form on the right. Each item's description says whether it is complete or missing.</translation>
        </message>
        <message>
            <source>項目の説明</source>
            <translation>About the item</translation>
        </message>
        <message>
            <source>フォームの切り替え</source>
            <translation>Forms</translation>
        </message>
        <message>
            <source>Ctrl+PgDown / Ctrl+PgUp でも切り替えます。</source>
            <translation>Ctrl+PgDown / Ctrl+PgUp also switch.</translation>
        </message>
        <message>
            <source>文字の大きさ(&amp;Z)</source>
            <translation>Text si&amp;ze</translation>
        </message>
        <message>
            <source>ハイコントラスト(&amp;C)</source>
            <translation>High &amp;contrast</translation>
        </message>
        <message>
            <source>キーボード操作(&amp;K)</source>
            <translation>&amp;Keyboard shortcuts</translation>
        </message>
    </context>
    <context>
        <name>MessageLine</name>
        <message>
            <source>メッセージ行（お知らせはありません）</source>
            <translation>Message line (no message)</translation>
        </message>
        <message>
            <source>メッセージ行</source>
            <translation>Message line</translation>
        </message>
    </context>
    <context>
        <name>KeyboardHelp</name>
        <message>
            <source>ウィンドウ</source>
            <translation>Window</translation>
        </message>
        <message>
            <source>計画の一覧</source>
            <translation>Plan list</translation>
        </message>
        <message>
            <source>表（指標・予算・年次計画）</source>
            <translation>Grids (indicators, budget, schedule)</translation>
        </message>
        <message>
            <source>実施等状況の欄</source>
            <translation>What was done (text)</translation>
        </message>
        <message>
            <source>グラフ</source>
            <translation>Chart</translation>
        </message>
        <message>
            <source>次の区画へ（一覧 → フォーム → 表 → グラフ → メッセージ行）</source>
            <translation>Next pane (list → form → grid → chart → message line)</translation>
        </message>
        <message>
            <source>前の区画へ</source>
            <translation>Previous pane</translation>
        </message>
        <message>
            <source>次の入力欄へ・前の入力欄へ</source>
            <translation>Next / previous field</translation>
        </message>
        <message>
            <source>フォームのタブを切り替える</source>
            <translation>Switch the form's tab</translation>
        </message>
        <message>
            <source>下線の付いた文字の欄・ボタン・メニューへ</source>
            <translation>Go to the field, button or menu with that underlined letter</translation>
        </message>
        <message>
            <source>Alt+その文字</source>
            <translation>Alt+the letter</translation>
        </message>
        <message>
            <source>入力年度の欄へ</source>
            <translation>Go to the fiscal year</translation>
        </message>
        <message>
            <source>担当課の欄へ</source>
            <translation>Go to the department</translation>
        </message>
        <message>
            <source>上下の項目へ</source>
            <translation>Item above / below</translation>
        </message>
        <message>
            <source>下の階層を開く・閉じる</source>
            <translation>Expand / collapse</translation>
        </message>
        <message>
            <source>選んだ項目のフォームへ</source>
            <translation>Go to the chosen item's form</translation>
        </message>
        <message>
            <source>確定して下へ（上へ）</source>
            <translation>Enter and move down (up)</translation>
        </message>
        <message>
            <source>右へ（左へ）。最後のセルでは次の欄へ</source>
            <translation>Right (left); from the last cell, to the next field</translation>
        </message>
        <message>
            <source>セルを編集する・編集を取り消す</source>
            <translation>Edit the cell / cancel the edit</translation>
        </message>
        <message>
            <source>選んだセルを消去</source>
            <translation>Clear the selected cells</translation>
        </message>
        <message>
            <source>コピー・貼り付け（Excel と同じ表の形）</source>
            <translation>Copy / paste (blocks, as in Excel)</translation>
        </message>
        <message>
            <source>上のセルを下へコピー</source>
            <translation>Fill down</translation>
        </message>
        <message>
            <source>表の最初・最後のセルへ</source>
            <translation>First / last cell</translation>
        </message>
        <message>
            <source>「・」の行で次の箇条を始める（空の「・」で終わる）</source>
            <translation>On a "・" line, start the next bullet (an empty "・" ends the list)</translation>
        </message>
        <message>
            <source>次の欄へ（タブ文字は Ctrl+Tab）</source>
            <translation>Next field (Ctrl+Tab types a tab)</translation>
        </message>
        <message>
            <source>グラフの数値を表で見る</source>
            <translation>The chart's figures as a table</translation>
        </message>
        <message>
            <source>表をコピー（見出し付き）</source>
            <translation>Copy the table (with headings)</translation>
        </message>
        <message>
            <source>印刷用PDF作成のプレビュー</source>
            <translation>PDF preview</translation>
        </message>
        <message>
            <source>拡大・縮小</source>
            <translation>Zoom in / out</translation>
        </message>
        <message>
            <source>次のページ・前のページ</source>
            <translation>Next / previous page</translation>
        </message>
        <message>
            <source>メニュー</source>
            <translation>Menu</translation>
        </message>
        <message>
            <source>キーボード操作</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <source>場面</source>
            <translation>Where</translation>
        </message>
        <message>
            <source>操作</source>
            <translation>What</translation>
        </message>
        <message>
            <source>キー</source>
            <translation>Keys</translation>
        </message>
        <message>
            <source>キーボード操作の一覧</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <source>↑↓で行を移動します。</source>
            <translation>↑↓ move between rows.</translation>
        </message>
        <message>
            <source>マウスを使わずに、すべての入力ができます。下線の付いた文字は、Alt キーと一緒に押すとその欄やボタンへ移ります。</source>
            <translation>Everything can be done without a mouse. Press Alt with an underlined letter to go to that field or button.</translation>
        </message>
        <message>
            <source>閉じる(&amp;C)</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <source>検索欄</source>
            <translation>Search box</translation>
        </message>
        <message>
            <source>一致する最初の項目へ</source>
            <translation>To the first matching item</translation>
        </message>
        <message>
            <source>検索語を消して一覧へ戻る</source>
            <translation>Clear the search and go back to the list</translation>
        </message>
    </context>
    <context>
        <name>AchievementStatus</name>
        <message>
            <source>基準値を下回る</source>
            <translation>below the baseline</translation>
        </message>
        <message>
            <source>基準値を上回る</source>
            <translation>above the baseline</translation>
        </message>
    </context>
    <context>
        <name>KpiChartPane</name>
        <message>
            <source>「{name}」を低いほど良い指標に</source>
            <translation>Make "{name}" lower-is-better</translation>
        </message>
        <message>
            <source>「{name}」を低いほど良い指標から外す</source>
            <translation>Make "{name}" no longer lower-is-better</translation>
        </message>
    </context>
    <context>
        <name>BoardDialog</name>
        <message>
            <source>判定の基準を {achieved}%・{on_track}% に変更</source>
            <translation>Thresholds changed to {achieved}% and {on_track}%</translation>
        </message>
        <message>
            <source>判定の基準の変更はまだ保存されていません。保存（Ctrl+S）で確定し、元に戻す（Ctrl+Z）で取り消せます。</source>
            <translation>The new thresholds are not saved yet. Save (Ctrl+S) keeps them; Undo (Ctrl+Z) takes them back.</translation>
        </message>
        <message>
            <source>元に戻す</source>
            <translation>Undo</translation>
        </message>
        <message>
            <source>やり直し</source>
            <translation>Redo</translation>
        </message>
        <message>
            <source>保存</source>
            <translation>Save</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>処理中です。終わりしだい保存します。</source>
            <translation>Still working. Your changes will be saved as soon as it has finished.</translation>
        </message>
    </context>
    <!-- issue 31: the yearly round for the plans in force -->
    <context>
        <name>BoardDialog</name>
        <message>
            <source>指標: 基準値の翌年度から最終目標の年度まで（または計画期間中）に実績（見込）を入力するもの。「-」「（※4）」なども入力済みに数えます。要確認: 累計の減少、内数が合計を超えるなど。取組: その年度の進捗状況と実施等状況（実行プログラムの主要事業は実施内容と決算額、計画と2割以上違うときはその理由も）。うち変更なし: 実施等状況が前年度と同じもの。ダブルクリックで未入力の項目を開きます。</source>
            <translation>Indicators: those expecting an actual (or forecast) from the year after the baseline to the final target year (or within the plan's period). "-", "（※4）" and the like count as entered. Check: a cumulative value going down, a breakdown above its total, etc. Measures: the year's status and progress text (a program's main projects: activities and the settled amount, with the reason when it differs from the plan by 20% or more). Of which unchanged: the progress text is the same as the year before's. Double-click opens the first missing item.</translation>
        </message>
    </context>
    <context>
        <name>ClerkBanner</name>
        <message>
            <source>① 左の一覧の {d} の担当項目に {y} の実績・進捗状況などを入力　② ファイル &gt; 提出前チェック　③ ファイル &gt; 提出用に保存　④ 保存した「{f}」を政策課へ返送</source>
            <translation>① In the list on the left, enter {y}'s figures, progress and the rest for {d}'s items   ② File &gt; Check before submitting   ③ File &gt; Save for submission   ④ Send the saved "{f}" back to the policy division</translation>
        </message>
    </context>
    <context>
        <name>Editor</name>
        <message>
            <source>計画の費用は政策課が設定します（決算額は「進捗状況」のタブで入力します）。</source>
            <translation>The planned cost is set by the policy division (enter the settled amount on the Progress tab).</translation>
        </message>
    </context>
    <context>
        <name>HandoutDialog</name>
        <message>
            <source>配布しませんでした。</source>
            <translation>Nothing was handed out.</translation>
        </message>
        <message>
            <source>配布しなかった課: {who}</source>
            <translation>Departments not handed a file: {who}</translation>
        </message>
        <message>
            <source>{department}: 課が保存した、まだ回収していない入力のあるファイルを「{kept}」として残しました（前の配布のファイルなので回収では取り込めません）。</source>
            <translation>{department}: the file its clerk had saved entries in, not yet collected, was kept as &quot;{kept}&quot; (a file of the earlier hand-out: a collection does not take it).</translation>
        </message>
        <message>
            <source>{y}に実施中の計画: {plans}</source>
            <translation>Plans in force in {y}: {plans}</translation>
        </message>
        <message>
            <source>配布しない課（{y}に担当する項目がない）: {names}</source>
            <translation>Departments without a file (nothing of theirs to fill in {y}): {names}</translation>
        </message>
        <message>
            <source>ほか {n} 件</source>
            <translation>and {n} more</translation>
        </message>
        <message>
            <source>所管課の決まっていない項目</source>
            <translation>Items without a department</translation>
        </message>
        <message>
            <source>次の項目は所管課（担当課）が決まっていないため、どの課にも入力を頼みません:
{items}{more}

このまま配布しますか？（計画の編集で所管課を決めてから配布することもできます）</source>
            <translation>No department is in charge of these items, so no department will be asked to fill them in:
{items}{more}

Hand out anyway? (You can choose their departments in Edit plans first.)</translation>
        </message>
    </context>
    <context>
        <name>IndicatorForm</name>
        <message>
            <source>提案: {d}（施策の最初の主要事業の担当課）</source>
            <translation>Proposed: {d} (the department of the policy's first main project)</translation>
        </message>
        <message>
            <source>提案: {d}（この項目の担当課）</source>
            <translation>Proposed: {d} (this item's department)</translation>
        </message>
        <message>
            <source>所管課なしで保存しました。</source>
            <translation>Saved without a lead department. </translation>
        </message>
        <message>
            <source>所管課のない成果指標は、配布のときに名前を挙げて確認します（決めなければ、どの課にも尋ねません）。</source>
            <translation>An outcome indicator without a lead department is named and asked about at the hand-out (left undecided, no department is asked for it). </translation>
        </message>
        <message>
            <source>所管課のない指標は各課に尋ねません（政策課が入力）。</source>
            <translation>An indicator without a lead department is asked of no department (the policy division fills it in). </translation>
        </message>
        <message>
            <source>目標値がなければ進捗ボードにも数えません。</source>
            <translation>With no target either, the progress board counts it in no year.</translation>
        </message>
        <message>
            <source>所管課未設定</source>
            <translation>No department set</translation>
        </message>
    </context>
    <context>
        <name>MeasureForm</name>
        <message>
            <source>実施等状況</source>
            <translation>progress text</translation>
        </message>
        <message>
            <source>実施内容</source>
            <translation>activities</translation>
        </message>
        <message>
            <source>{word}の入力</source>
            <translation>Typing the {word}</translation>
        </message>
    </context>
    <context>
        <name>NewDepartmentDialog</name>
        <message>
            <source>新しい課</source>
            <translation>New department</translation>
        </message>
        <message>
            <source>課名(&amp;N)</source>
            <translation>Department &amp;name</translation>
        </message>
        <message>
            <source>よみ（ひらがな）(&amp;Y)</source>
            <translation>Reading (&amp;hiragana)</translation>
        </message>
        <message>
            <source>一覧にない課を新しく登録します。課の名前を確かめてください（配布ファイルは課ごとに作られます）。</source>
            <translation>Registers a department that is not in the list yet. Check its name: every department gets its own hand-out file.</translation>
        </message>
        <message>
            <source>登録する(&amp;R)</source>
            <translation>&amp;Register</translation>
        </message>
        <message>
            <source>キャンセル</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>PlanEditorDialog</name>
        <message>
            <source>計画期間 {first}～{last}　階層: {levels}　年次の報告: {asks}</source>
            <translation>Period {first}–{last}   Levels: {levels}   Yearly report: {asks}</translation>
        </message>
        <message>
            <source>作成しました。まだ決めることがあります:</source>
            <translation>Created. Still to decide:</translation>
        </message>
        <message>
            <source>課「{name}」は一覧にありません。一覧から選ぶか、「新しい課…」で登録してください。</source>
            <translation>"{name}" is not in the list of departments. Choose one from the list, or register it with "New department…".</translation>
        </message>
        <message>
            <source>課名を入力してください。</source>
            <translation>Enter the department's name.</translation>
        </message>
        <message>
            <source>課「{name}」はすでにあります。一覧から選んでください。</source>
            <translation>"{name}" exists already. Choose it from the list.</translation>
        </message>
    </context>
    <context>
        <name>RoundSettingDialog</name>
        <message>
            <source>年次の報告</source>
            <translation>Yearly report</translation>
        </message>
        <message>
            <source>（項目の報告なし）</source>
            <translation>(no item reports)</translation>
        </message>
        <message>
            <source>なし(&amp;N)</source>
            <translation>&amp;None</translation>
        </message>
        <message>
            <source>実施等状況(&amp;J)</source>
            <translation>&amp;Progress text (実施等状況)</translation>
        </message>
        <message>
            <source>実施内容(&amp;T)</source>
            <translation>&amp;Activities (実施内容)</translation>
        </message>
        <message>
            <source>進捗状況(&amp;S)</source>
            <translation>Progress &amp;status</translation>
        </message>
        <message>
            <source>決算額（計画の費用と比べ、差が大きいときは理由も）(&amp;K)</source>
            <translation>Settled a&amp;mount (beside the planned cost, with the reason for a large difference)</translation>
        </message>
        <message>
            <source>指標の実績・実績（見込）(&amp;I)</source>
            <translation>&amp;Indicators&apos; actual and forecast values</translation>
        </message>
        <message>
            <source>報告する階層(&amp;L)</source>
            <translation>&amp;Level that reports</translation>
        </message>
        <message>
            <source>項目ごとに</source>
            <translation>For each item</translation>
        </message>
        <message>
            <source>文章</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>指標ごとに</source>
            <translation>For each indicator</translation>
        </message>
        <message>
            <source>毎年度、担当課に入力を頼むものを選びます（配布するファイルと進捗ボードに反映されます）。</source>
            <translation>Choose what the departments are asked to fill in each year (the hand-out files and the progress board follow it).</translation>
        </message>
        <message>
            <source>設定する(&amp;O)</source>
            <translation>S&amp;et</translation>
        </message>
        <message>
            <source>キャンセル</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>年次の報告: {s}</source>
            <translation>Yearly report: {s}</translation>
        </message>
    </context>
    <context>
        <name>SettlementBox</name>
        <message>
            <source>決算額</source>
            <translation>Settled amount</translation>
        </message>
        <message>
            <source>計画の費用</source>
            <translation>Planned cost</translation>
        </message>
        <message>
            <source>決算額（千円）(&amp;G)</source>
            <translation>Settled amo&amp;unt (thousand yen)</translation>
        </message>
        <message>
            <source>計画との差</source>
            <translation>Difference from the plan</translation>
        </message>
        <message>
            <source>差の理由(&amp;J)</source>
            <translation>Reas&amp;on for the difference</translation>
        </message>
        <message>
            <source>千円単位（例: 8,120）。支出なしは「—」</source>
            <translation>Thousand yen (e.g. 8,120); "—" if nothing spent</translation>
        </message>
        <message>
            <source>計画と{n}割以上違うときに書きます</source>
            <translation>Write it when the amount differs from the plan by {n}0% or more</translation>
        </message>
        <message>
            <source>{y}: {v}</source>
            <translation>{y}: {v}</translation>
        </message>
        <message>
            <source>（計画に費用の記載なし）</source>
            <translation>(no cost in the plan)</translation>
        </message>
        <message>
            <source>計画と{n}割以上違います。差の理由を書いてください。</source>
            <translation>Differs from the plan by {n}0% or more: write the reason.</translation>
        </message>
        <message>
            <source>計画に費用のない年の支出です。理由を書いてください。</source>
            <translation>Spent in a year the plan has no cost for: write the reason.</translation>
        </message>
        <message>
            <source>決算額の入力</source>
            <translation>Typing the settled amount</translation>
        </message>
        <message>
            <source>{n} {y} 決算額</source>
            <translation>{n} {y} settled amount</translation>
        </message>
        <message>
            <source>差の理由の入力</source>
            <translation>Typing the reason for the difference</translation>
        </message>
        <message>
            <source>× 読み取れません: {m}</source>
            <translation>× Cannot be read: {m}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>進捗状況</source>
            <translation>progress</translation>
        </message>
        <message>
            <source>実施等状況</source>
            <translation>progress text</translation>
        </message>
        <message>
            <source>実施内容</source>
            <translation>activities</translation>
        </message>
        <message>
            <source>決算額</source>
            <translation>settled amount</translation>
        </message>
        <message>
            <source>差の理由</source>
            <translation>reason for the difference</translation>
        </message>
        <message>
            <source>実績（{name}）</source>
            <translation>actual ({name})</translation>
        </message>
    </context>
    <context>
        <name>GradingReason</name>
        <message>
            <source>{year}の実績が未入力です。</source>
            <translation>No actual value has been entered for {year}.</translation>
        </message>
        <message>
            <source>{year}の{kind}が{absence}のため判定できません。{note}</source>
            <translation>Cannot be graded: the {kind} of {year} is {absence}.{note}</translation>
        </message>
        <message>
            <source>目標が設定されていないため判定できません。</source>
            <translation>Cannot be graded: no target is set.</translation>
        </message>
        <message>
            <source>目標が{absence}のため判定できません。{note}</source>
            <translation>Cannot be graded: the target is {absence}.{note}</translation>
        </message>
        <message>
            <source>基準値がないため、目標に対する比で示しています。</source>
            <translation>There is no baseline, so the rate is the ratio to the target.</translation>
        </message>
        <message>
            <source>基準値の時点で目標に達しているため、目標に対する比で示しています。</source>
            <translation>The target was already reached at the baseline, so the rate is the ratio to the target.</translation>
        </message>
        <message>
            <source>目標または値が0以下のため比は出せません。</source>
            <translation>No ratio: the target or the value is zero or less.</translation>
        </message>
        <message>
            <source>実績（見込）による判定です。</source>
            <translation>Graded on the forecast (見込).</translation>
        </message>
        <message>
            <source>値が基準値から目標と逆の方向に動いたため、達成率は負の値です。</source>
            <translation>The value moved away from the target past the baseline, so the rate is negative.</translation>
        </message>
        <message>
            <source>「-」（調査なし）</source>
            <translation>"-" (no survey)</translation>
        </message>
        <message>
            <source>「—」（該当なし）</source>
            <translation>"—" (not applicable)</translation>
        </message>
        <message>
            <source>「{mark}」</source>
            <translation>"{mark}"</translation>
        </message>
        <message>
            <source>実績</source>
            <translation>actual value</translation>
        </message>
        <message>
            <source>実績（見込）</source>
            <translation>forecast</translation>
        </message>
    </context>
    <context>
        <name>PlanEditorUnsaved</name>
        <message>
            <source>項目「{title}」</source>
            <translation>the item "{title}"</translation>
        </message>
        <message>
            <source>指標「{name}」</source>
            <translation>the indicator "{name}"</translation>
        </message>
        <message>
            <source>新しい指標</source>
            <translation>new indicator</translation>
        </message>
        <message>
            <source>保存していない入力</source>
            <translation>Typing not saved</translation>
        </message>
        <message>
            <source>{forms}に保存していない入力があります。保存せずに閉じますか？（残すときは「いいえ」を押し、「項目を保存」か「指標を保存」で保存してください）</source>
            <translation>What was typed in {forms} is not saved. Close without saving it? (To keep it, answer No and press "Save item" or "Save indicator".)</translation>
        </message>
        <message>
            <source>{forms}に保存していない入力があります。保存せずにほかの項目へ移りますか？（残すときは「いいえ」を押し、「項目を保存」か「指標を保存」で保存してください）</source>
            <translation>What was typed in {forms} is not saved. Go to another item without saving it? (To keep it, answer No and press "Save item" or "Save indicator".)</translation>
        </message>
        <message>
            <source>{forms}に保存していない入力があります。保存せずにほかの計画へ移りますか？（残すときは「いいえ」を押し、「項目を保存」か「指標を保存」で保存してください）</source>
            <translation>What was typed in {forms} is not saved. Go to another plan without saving it? (To keep it, answer No and press "Save item" or "Save indicator".)</translation>
        </message>
        <message>
            <source>{forms}に保存していない入力があります。保存せずに元に戻しますか？</source>
            <translation>What was typed in {forms} is not saved. Undo without saving it?</translation>
        </message>
        <message>
            <source>{forms}に保存していない入力があります。保存せずにやり直しますか？</source>
            <translation>What was typed in {forms} is not saved. Redo without saving it?</translation>
        </message>
        <message>
            <source>{forms}に保存していない入力があります。保存せずにExcelから取り込みますか？</source>
            <translation>What was typed in {forms} is not saved. Import from Excel without saving it?</translation>
        </message>
        <message>
            <source>（残すときは「いいえ」を押し、「項目を保存」か「指標を保存」で保存してください）</source>
            <translation> (To keep it, answer No and press "Save item" or "Save indicator".)</translation>
        </message>
        <message>
            <source>指標「{name}」に保存していない入力があります。保存せずにほかの指標へ移りますか？（残すときは「いいえ」を押し、「指標を保存」で保存してください）</source>
            <translation>The indicator &quot;{name}&quot; has input that was not saved. Go to another indicator without saving it? (To keep it, press &quot;No&quot; and save it with &quot;Save indicator&quot;.)</translation>
        </message>
    </context>
    <context>
        <name>ChooseFiles</name>
        <message>
            <source>{name}: ファイルが見つかりません（{folder}）</source>
            <translation>{name}: file not found ({folder})</translation>
        </message>
    </context>
    <context>
        <name>A11y</name>
        <message>
            <source>{what}の列見出し</source>
            <translation>{what}: column headers</translation>
        </message>
        <message>
            <source>{what}の行見出し</source>
            <translation>{what}: row headers</translation>
        </message>
        <message>
            <source>{what}をすべて選択</source>
            <translation>{what}: select all</translation>
        </message>
        <message>
            <source>{what}の縦スクロールバー</source>
            <translation>{what}: vertical scroll bar</translation>
        </message>
        <message>
            <source>{what}の横スクロールバー</source>
            <translation>{what}: horizontal scroll bar</translation>
        </message>
        <message>
            <source>空欄</source>
            <translation>blank</translation>
        </message>
    </context>
    <context>
        <name>DomainMessages</name>
        <message>
            <source>{path}: ほかのプログラム（Excel など）が開いているため書き込めませんでした。そのファイルを閉じてからもう一度実行してください。</source>
            <translation>{path}: could not be written: another program (Excel, say) has it open. Close it there and try again.</translation>
        </message>
        <message>
            <source>{years}は「{plan}」の期間（{period}）の外です。表示する年度は、この計画の年度を指定してください。</source>
            <translation>{years} is outside the period of &quot;{plan}&quot; ({period}). Choose years of this plan to show.</translation>
        </message>
        <message>
            <source>{file} は{department}の提出用ファイル（{year}）で、政策課の親データベースではありません。配布・回収・年度の確定と修正・計画の編集は親データベースで行ってください。このファイルには何も書き込んでいません。</source>
            <translation>{file} is a department file of {department} ({year}), not the policy division's master. Hand out, collect, fix years and correct them, and edit plans in the master. Nothing was written to this file.</translation>
        </message>
        <message>
            <source>「{command}」は政策課の親データベースで行う操作です。{file} は{department}の提出用ファイル（{year}）なので、実行しませんでした（このファイルには何も書き込んでいません）。--db に政策課の親データベースを指定するか、--db を付けずに（既定のデータファイルで）実行してください。</source>
            <translation>&quot;{command}&quot; runs on the policy division&apos;s master. {file} is a department file of {department} ({year}), so it was not run (nothing was written to this file). Give the master with --db, or leave --db out (the default data file).</translation>
        </message>
        <message>
            <source>{file} は課の提出用ファイルです。置き換えると課が入力した値が失われるため、置き換えませんでした（--force でも置き換えません）。別のファイル名を指定してください。</source>
            <translation>{file} is a department file. Replacing it would lose what the department entered, so it was not replaced (not even with --force). Give another file name.</translation>
        </message>
        <message>
            <source>{file} は課の提出用ファイルで、政策課の親データベースではありません。写せるのは親データベースだけです。このファイルには何も書き込んでいません。</source>
            <translation>{file} is a department file, not the policy division's master. Only a master can be copied. Nothing was written to this file.</translation>
        </message>
        <message>
            <source>計画「{plan}」が見つかりません（計画 id: {known}）。計画 id は kodaira-desk plans で確かめられます。</source>
            <translation>Plan &quot;{plan}&quot; was not found (plan ids: {known}). kodaira-desk plans lists them.</translation>
        </message>
        <message>
            <source>{year}は「{plan}」の期間（{period}）の外です。報告する年度は、この期間の年度を指定してください。</source>
            <translation>{year} is outside the period of &quot;{plan}&quot; ({period}). Choose a year within that period to report on.</translation>
        </message>
        <message>
            <source>読み込んだ後に別の場所で変更された項目が {count} 件あります。上書きするか、今の値を読み直すか選んでください。</source>
            <translation>{count} field(s) were changed elsewhere after they were loaded. Choose whether to overwrite them or to take the values stored now.</translation>
        </message>
        <message>
            <source>{year}は確定済みです（{plans}）。確定した年度の値は提出用ファイルでは入力できず、返ってきても反映されないため、配布ファイルは作りませんでした。値を直すときは「年度の確定と修正」（コマンドでは round correct）で修正として入力してください。</source>
            <translation>{year} is fixed ({plans}). Values of a fixed year cannot be entered in a department file and would not be taken in, so no department files were made. To change a value, enter it as a correction under Fix a year and corrections (on the command line: round correct).</translation>
        </message>
        <message>
            <source>「{file}」が見つからないため保存できませんでした（フォルダ「{folder}」が移動されたか、USB メモリなどが抜かれたようです）。</source>
            <translation>&quot;{file}&quot; could not be saved: it is no longer there (the folder &quot;{folder}&quot; was moved, or the USB stick was pulled out).</translation>
        </message>
        <message>
            <source>{path}: ディスクの空きが足りないため保存できませんでした（変更は書き込まれていません）。空きを作ってからもう一度実行してください。</source>
            <translation>{path}: could not be saved, the disk is full (nothing was written). Free some space and try again.</translation>
        </message>
        <message>
            <source>{path}: 書き込みの権限がないため保存できませんでした（読み取り専用のファイルかフォルダです）。</source>
            <translation>{path}: could not be saved, there is no permission to write (the file or folder is read-only).</translation>
        </message>
        <message>
            <source>{path}: データベースサーバーのディスクの空きが足りないため保存できませんでした（変更は書き込まれていません）。</source>
            <translation>{path}: could not be saved, the database server&apos;s disk is full (nothing was written).</translation>
        </message>
        <message>
            <source>{path}: このアカウントではサーバーのデータベースに書き込めないため保存できませんでした（変更は書き込まれていません）。</source>
            <translation>{path}: could not be saved, this account cannot write to the server&apos;s database (nothing was written).</translation>
        </message>
        <message>
            <source>{path}: ディスクの空きが足りないため書き込めませんでした。空きを作ってからもう一度実行してください。</source>
            <translation>{path}: could not be written, the disk is full. Free some space and try again.</translation>
        </message>
        <message>
            <source>{path}: 書き込みの権限がありません（読み取り専用の場所かファイルです）。別の場所を選んでください。</source>
            <translation>{path}: there is no permission to write (a read-only place or file). Choose another place.</translation>
        </message>
        <message>
            <source>{path}: フォルダが見つかりません。</source>
            <translation>{path}: the folder was not found.</translation>
        </message>
        <message>
            <source>{path}: 書き込めませんでした（{why}）。</source>
            <translation>{path}: could not be written ({why}).</translation>
        </message>
        <message>
            <source>{path}: 同じ名前のファイルがあるため、フォルダを作れません。書き出す先のフォルダを確かめてください。</source>
            <translation>{path}: a file of that name is there, so no folder can be made there. Check the folder to write to.</translation>
        </message>
        <message>
            <source>「{file}」がなくなり、中身も読めないため、名前を付けて保存できませんでした。入力した値は復旧用の記録（{journal}）に残っています。ファイルを元の場所に戻してから開き直すと、入力を戻せます。</source>
            <translation>&quot;{file}&quot; is gone and its contents cannot be read, so it could not be saved under another name. What you typed is kept in the recovery journal ({journal}): put the file back where it was and open it again to get your input back.</translation>
        </message>
        <message>
            <source>{item}: 表示した後に親の値が変わっています（今の値: {now}）。何も書き込んでいません。</source>
            <translation>{item}: the master&apos;s value changed after it was shown (now: {now}). Nothing was written.</translation>
        </message>
        <message>
            <source>値は文字列で書いてください: {text}</source>
            <translation>Write the value as text: {text}</translation>
        </message>
        <message>
            <source>値が空です。値がないときは「-」（調査なし）か「—」（なし）を入力してください。</source>
            <translation>The value is empty. When there is no value, type &quot;-&quot; (not surveyed) or &quot;—&quot; (none).</translation>
        </message>
        <message>
            <source>注記の番号がありません（例: ※4）。</source>
            <translation>The note mark has no number (e.g. ※4).</translation>
        </message>
        <message>
            <source>「{text}」は数値として読めません。数値（例: 1,234人、80.9%、+600人）か、「-」「—」「（※4）」のいずれかを入力してください。</source>
            <translation>&quot;{text}&quot; cannot be read as a number. Type a number (e.g. 1,234人, 80.9%, +600人) or one of &quot;-&quot;, &quot;—&quot;, &quot;(※4)&quot;.</translation>
        </message>
        <message>
            <source>「{text}」の桁区切り「,」の位置が正しくありません。「,」は3桁ごとに付けるか、付けずに入力してください（例: 12,345 または 12345）。</source>
            <translation>&quot;{text}&quot; has a thousands separator &quot;,&quot; in the wrong place. Put a comma every three digits, or none (e.g. 12,345 or 12345).</translation>
        </message>
        <message>
            <source>「{text}」の「※」は注記の印です。値のあとに付けた印は注記として読みます（例: 80.9%※1）。単位には使えません。</source>
            <translation>The &quot;※&quot; in &quot;{text}&quot; marks a note: a mark after the value is read as a note (e.g. 80.9%※1). It cannot be part of a unit.</translation>
        </message>
        <message>
            <source>「{text}」は数値として読めません（単位「{unit}」が不正です）。</source>
            <translation>&quot;{text}&quot; cannot be read as a number (the unit &quot;{unit}&quot; is not valid).</translation>
        </message>
        <message>
            <source>「{text}」は数値として読めません。</source>
            <translation>&quot;{text}&quot; cannot be read as a number.</translation>
        </message>
        <message>
            <source>単位が違います。「{name}」の単位は「{unit}」です（入力: 「{typed}」）。</source>
            <translation>Wrong unit: the unit of &quot;{name}&quot; is &quot;{unit}&quot; (typed: &quot;{typed}&quot;).</translation>
        </message>
        <message>
            <source>「{name}」には単位を付けずに入力してください。</source>
            <translation>Type the values of &quot;{name}&quot; without a unit.</translation>
        </message>
        <message>
            <source>決算額は 0 以上の金額で入力してください。</source>
            <translation>Type the settled amount as 0 or more.</translation>
        </message>
        <message>
            <source>決算額には「約」「以上」などを付けずに入力してください。</source>
            <translation>Type the settled amount without &quot;約&quot; (about), &quot;以上&quot; (or more) and the like.</translation>
        </message>
        <message>
            <source>決算額は千円単位の数値で入力してください（単位「{unit}」は使えません）。</source>
            <translation>Type the settled amount as a number in thousands of yen (the unit &quot;{unit}&quot; cannot be used).</translation>
        </message>
        <message>
            <source>データベースが見つかりません: {path}</source>
            <translation>Database not found: {path}</translation>
        </message>
        <message>
            <source>{path}: データベースのファイルではありません（フォルダです）。</source>
            <translation>{path}: not a database file (it is a folder).</translation>
        </message>
        <message>
            <source>{path}: データベースのファイルではありません（名前付きパイプやデバイスなどの特殊なファイルです）。</source>
            <translation>{path}: not a database file (it is a named pipe, a device or another special file).</translation>
        </message>
        <message>
            <source>{file}: ファイルが空です（0 バイト）。Kodaira Desk のデータベースではありません。</source>
            <translation>{file}: the file is empty (0 bytes). It is not a Kodaira Desk database.</translation>
        </message>
        <message>
            <source>{file} は Kodaira Desk のデータベースではありません（SQLite ファイルではありません）。</source>
            <translation>{file} is not a Kodaira Desk database (it is not a SQLite file).</translation>
        </message>
        <message>
            <source>{file} は Kodaira Desk のデータベースではありません。</source>
            <translation>{file} is not a Kodaira Desk database.</translation>
        </message>
        <message>
            <source>{file} は新しい版の Kodaira Desk で作られています（形式 {version}）。Kodaira Desk を更新してから開いてください。</source>
            <translation>{file} was made by a newer version of Kodaira Desk (format {version}). Update Kodaira Desk, then open it.</translation>
        </message>
        <message>
            <source>{file} は途中で切れているため開けません（{size} バイトしかありません。本来は {expected} バイトです）。コピーや送信の途中で切れたようです。元のファイルをもう一度コピーするか、送ってもらってください。</source>
            <translation>{file} cannot be opened: it is cut short ({size} bytes; it should have {expected}). It was cut off while being copied or sent. Copy the original file again, or ask for it to be sent again.</translation>
        </message>
        <message>
            <source>{path}: データベースを読む権限がありません。このファイルを読めるアカウントで開くか、ファイルの権限を確かめてください。</source>
            <translation>{path}: there is no permission to read this database. Open it with an account that can read it, or check the file&apos;s permissions.</translation>
        </message>
        <message>
            <source>{path}: データベースを読めませんでした（{reason}）。</source>
            <translation>{path}: the database could not be read ({reason}).</translation>
        </message>
        <message>
            <source>{file} は前回の書き込みが途中で止まったままです（{journal} があります）。書き込みできる場所とアカウントで一度開くと元に戻ります。</source>
            <translation>{file}: its last write stopped halfway ({journal} is beside it). Open it once in a place, and with an account, that can write there: it is then put back as it was.</translation>
        </message>
        <message>
            <source>{file} は別のウィンドウまたは別の処理（取り込み・配布・保存）が使用中です。{seconds} 秒待ちましたが終わりませんでした。その処理が終わってから、もう一度実行してください。</source>
            <translation>{file} is in use by another window or another task (a collection, a hand-out, a save). Waited {seconds} seconds and it did not finish. Try again once it has finished.</translation>
        </message>
        <message>
            <source>{file} は壊れているため読めません（中身の一部が書き換わっているか、途中で切れています）。何も書き込んでいません。担当課から政策課に届いたファイルなら、もう一度保存して送ってもらってください。担当課の方は、政策課に連絡して新しい提出用ファイルを配布（再配布）してもらってください。</source>
            <translation>{file} cannot be read: it is damaged (part of it was overwritten, or it is cut short). Nothing was written. If a department sent it to the policy division, ask them to save it and send it again. In a department: ask the policy division to hand out a new file to you.</translation>
        </message>
        <message>
            <source>{file} は壊れているため読めません（中身の一部が書き換わっているか、途中で切れています）。何も書き込んでいません。取り込み前のバックアップはまだないため、パソコンやサーバーのバックアップから戻すよう、システムの担当者に相談してください。</source>
            <translation>{file} cannot be read: it is damaged (part of it was overwritten, or it is cut short). Nothing was written. There is no copy from before a collection yet: ask the person in charge of your systems to restore it from the computer&apos;s or the server&apos;s backups.</translation>
        </message>
        <message>
            <source>{file} は壊れているため読めません（中身の一部が書き換わっているか、途中で切れています）。何も書き込んでいません。同じフォルダの「{folder}」にある取り込み前のコピー（最新のもの）から戻してください。</source>
            <translation>{file} cannot be read: it is damaged (part of it was overwritten, or it is cut short). Nothing was written. Restore it from the latest copy made before a collection, in the folder &quot;{folder}&quot; beside it.</translation>
        </message>
        <message>
            <source>{file} は Kodaira Desk が書いた形のデータになっていないため開けません（書き換えられたか、別のアプリのファイルです）。何も書き込んでいません。</source>
            <translation>{file} cannot be opened: its data is not as Kodaira Desk writes it (it was altered, or it is another application&apos;s file). Nothing was written.</translation>
        </message>
        <message>
            <source>{file} は以前の版の Kodaira Desk で作られています（形式 {version}）。今の形式に直して開くには、フォルダ（{folder}）に書き込める必要があります（{why}）。書き込める場所にコピーしてから開いてください。ファイルは何も変えていません。</source>
            <translation>{file} was made by an earlier version of Kodaira Desk (format {version}). To bring it up to date and open it, its folder ({folder}) must be writable ({why}). Copy it to a place you can write to, then open it. The file was not changed.</translation>
        </message>
        <message>
            <source>{file} は Excel ブック（.xlsx）などの ZIP 形式のファイルです。Kodaira Desk のデータベースではありません。提出用の Excel ブックなら、Excel で開いて入力してください。</source>
            <translation>{file} is a ZIP file, such as an Excel workbook (.xlsx): not a Kodaira Desk database. If it is a workbook handed out for the round, open it in Excel and fill it in there.</translation>
        </message>
        <message>
            <source>{file} は PDF ファイルです。Kodaira Desk のデータベースではありません。</source>
            <translation>{file} is a PDF file: not a Kodaira Desk database.</translation>
        </message>
        <message>
            <source>{file} は Microsoft Access のデータベースです。Kodaira Desk のデータベースではありません。</source>
            <translation>{file} is a Microsoft Access database: not a Kodaira Desk database.</translation>
        </message>
        <message>
            <source>{file} は古い形式の Office 文書（.xls / .doc）です。Kodaira Desk のデータベースではありません。</source>
            <translation>{file} is an Office document of the old format (.xls / .doc): not a Kodaira Desk database.</translation>
        </message>
        <message>
            <source>{file} は Kodaira Desk のデータベースではありません（空のデータベースには kodaira-desk build-db --out または copy --to で作ります）。</source>
            <translation>{file} is not a Kodaira Desk database (an empty database is made one with kodaira-desk build-db --out or copy --to).</translation>
        </message>
            <message>
            <source>「{file}」は開いている間に壊れたため（中身の一部が読めません）、名前を付けて保存しませんでした。写すと、その写しも壊れたファイルになり、提出しても取り込めません。「{target}」には何も書き込んでいません。</source>
            <translation>"{file}" was damaged while it was open (part of it cannot be read), so it was not saved under another name: a copy would be damaged too, and could not be collected once returned. Nothing was written to "{target}".</translation>
        </message>
        <message>
            <source>「{file}」は開いている間に壊れたため（中身の一部が読めません）、保存した内容を読み戻せませんでした。このファイルに保存しても、提出しても取り込めません。</source>
            <translation>"{file}" was damaged while it was open (part of it cannot be read): what was saved could not be read back. Saved in this file, it could not be collected once submitted.</translation>
        </message>
</context>
    <context>
        <name>ReadNote</name>
        <message>
            <source>読み込んでいます…</source>
            <translation>Loading…</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>競合を記録した後に親の値が変わりました（記録時: {then} → 今: {now}）。親データベースの値は今の値です。「親の値を残す」では今の値のままになります。</source>
            <translation>The master&apos;s value changed after the conflict was recorded (then: {then} → now: {now}). The master value shown is the one now; &quot;Keep the master&apos;s value&quot; keeps it.</translation>
        </message>
        <message>
            <source>一覧を今の親の値で読み直しました。見比べてから、もう一度選んでください。</source>
            <translation>The list was read again with the master&apos;s value now. Compare, then choose again.</translation>
        </message>
        <message>
            <source>競合を読み込んでいます…</source>
            <translation>Loading the conflicts…</translation>
        </message>
        <message>
            <source>競合を読めません: {error}</source>
            <translation>Cannot read the conflicts: {error}</translation>
        </message>
    </context>
    <context>
        <name>AuditDialog</name>
        <message>
            <source>変更履歴を読み込んでいます…</source>
            <translation>Loading the change history…</translation>
        </message>
        <message>
            <source>変更履歴を読めません: {error}</source>
            <translation>Cannot read the change history: {error}</translation>
        </message>
    </context>
    <context>
        <name>YearLockDialog</name>
        <message>
            <source>確定の状態を読み込んでいます…</source>
            <translation>Loading whether the year is fixed…</translation>
        </message>
        <message>
            <source>確定の状態を読めません: {error}</source>
            <translation>Cannot read whether the year is fixed: {error}</translation>
        </message>
    </context>
    <context>
        <name>HandoutDialog</name>
        <message>
            <source>配布の設定を読み込んでいます…</source>
            <translation>Loading the hand-out's settings…</translation>
        </message>
        <message>
            <source>配布の設定を読めません: {error}</source>
            <translation>Cannot read the hand-out's settings: {error}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>「{file}」の復旧用の記録を書けませんでした（{why}）。こまめに保存してください。</source>
            <translation>The recovery journal of &quot;{file}&quot; could not be written ({why}). Save often.</translation>
        </message>
        <message>
            <source>「{file}」の復旧用の記録をまた書けるようになりました。保存していない入力も記録しています。</source>
            <translation>The recovery journal of &quot;{file}&quot; is written again; the entries not saved are kept in it.</translation>
        </message>
        <message>
            <source>⚠ 復旧用の記録なし</source>
            <translation>⚠ No recovery journal</translation>
        </message>
        <message>
            <source>ディスクの空きが足りません</source>
            <translation>the disk is full</translation>
        </message>
        <message>
            <source>ディスクが応答しません</source>
            <translation>the disk does not answer</translation>
        </message>
        <message>
            <source>復旧用の記録</source>
            <translation>Recovery journal</translation>
        </message>
        <message>
            <source>「{file}」の復旧用の記録が読めなかったため、使わずに別の名前で残しました（{aside}）。ファイルはそのまま開いています。</source>
            <translation>The recovery journal of "{file}" could not be read, so it was not used and was kept under another name ({aside}). The file is open as it is.</translation>
        </message>
        <message>
            <source>保存されていない入力</source>
            <translation>Unsaved entries</translation>
        </message>
        <message>
            <source>「{file}」には、前回保存されないまま終わった入力が {n} 件あります。
復元すると未保存の変更として表示されます（元に戻すこともできます）。確かめてから保存してください。</source>
            <translation>"{file}" has {n} entries from last time that were never saved.
Restored, they show as unsaved changes (Undo takes them back). Check them, then save.</translation>
        </message>
        <message>
            <source>復元する</source>
            <translation>Restore</translation>
        </message>
        <message>
            <source>破棄する</source>
            <translation>Discard</translation>
        </message>
        <message>
            <source>保存されていない入力の復元</source>
            <translation>Restore unsaved entries</translation>
        </message>
        <message>
            <source>{n} 件の入力を復元しました。保存するとファイルに書き込まれます。</source>
            <translation>{n} entries restored. Save to write them to the file.</translation>
        </message>
        <message>
            <source>復旧用の記録は別の名前で残しました（{aside}）。</source>
            <translation>The recovery journal was kept under another name ({aside}).</translation>
        </message>
        <message>
            <source>保存されていない入力はそのまま残しています。次にこのファイルを開いたときにもう一度たずねます。</source>
            <translation>The unsaved entries are kept as they were. You will be asked again the next time this file is opened.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>読めません</source>
            <translation>Cannot read</translation>
        </message>
        <message>
            <source>ファイルが見つかりません</source>
            <translation>File not found</translation>
        </message>
        <message>
            <source>「{file}」が見つからないため保存できませんでした（フォルダ「{folder}」が移動されたか、USB メモリなどが抜かれたようです）。入力はそのまま残っています。
名前を付けて保存すると、開いている内容と入力をそこに保存し、これからはそのファイルで作業します。</source>
            <translation>&quot;{file}&quot; could not be saved: it is no longer there (the folder &quot;{folder}&quot; was moved, or the USB stick was pulled out). What you typed is still here.
Save As writes the open contents and your input there, and you go on working in that file.</translation>
        </message>
        <message>
            <source>「{file}」が見つかりません。入力はそのまま残っています。</source>
            <translation>&quot;{file}&quot; was not found. What you typed is still here.</translation>
        </message>
        <message>
            <source>読み取り専用の場所です</source>
            <translation>the place is read-only</translation>
        </message>
        <message>
            <source>書き込みの権限がありません</source>
            <translation>you have no permission to write there</translation>
        </message>
        <message>
            <source>ディスクの空きがありません</source>
            <translation>the disk is full</translation>
        </message>
        <message>
            <source>保存できない場所</source>
            <translation>Cannot save here</translation>
        </message>
        <message>
            <source>「{folder}」には書き込めないため（{why}）、このまま入力しても「{file}」に保存できません。
書き込める場所（デスクトップやドキュメントなど）に名前を付けて保存してから入力してください。</source>
            <translation>Nothing can be written to &quot;{folder}&quot; ({why}): what you enter could not be saved to &quot;{file}&quot;.
Save it under a name in a place you can write to (the desktop, Documents) before you enter anything.</translation>
        </message>
        <message>
            <source>名前を付けて保存...</source>
            <translation>Save As...</translation>
        </message>
        <message>
            <source>このまま開く(&amp;O)</source>
            <translation>&amp;Open as it is</translation>
        </message>
        <message>
            <source>「{folder}」には保存できません（{why}）。</source>
            <translation>Cannot save to &quot;{folder}&quot; ({why}).</translation>
        </message>
        <message>
            <source>入力が保存されていないため、閉じませんでした。</source>
            <translation> The window was not closed: what you typed is not saved yet.</translation>
        </message>
        <message>
            <source>名前を付けて保存</source>
            <translation>Save As</translation>
        </message>
        <message>
            <source>Kodaira Desk のファイル (*{suffix})</source>
            <translation>Kodaira Desk files (*{suffix})</translation>
        </message>
        <message>
            <source>「{file}」に保存しました。これからの保存はここに書き込まれます。</source>
            <translation>Saved as &quot;{file}&quot;. From now on, saving writes here.</translation>
        </message>
        <message>
            <source>「{folder}」には書き込めないため（{why}）、「{file}」に保存できません。入力はそのまま残っています。
書き込める場所（デスクトップやドキュメントなど）に名前を付けて保存すると、入力もそこに保存されます。</source>
            <translation>Nothing can be written to &quot;{folder}&quot; ({why}): &quot;{file}&quot; could not be saved. What you entered is still here.
Save it under a name in a place you can write to (the desktop, Documents): what you entered is saved there too.</translation>
        </message>
        <message>
            <source>あとで(&amp;L)</source>
            <translation>&amp;Later</translation>
        </message>
        <message>
            <source>保存しない(&amp;N)</source>
            <translation>Do&amp;n't save</translation>
        </message>
        <message>
            <source>赤いセルの入力が保存されていないため、閉じませんでした。直すか消してから、もう一度閉じてください。</source>
            <translation>The window was not closed: the input in red cells is not saved. Correct or clear it, then close again.</translation>
        </message>
        <message>
            <source>入力した値は消えていません（このウィンドウと復旧用の記録に残っています）。</source>
            <translation>What you entered is not lost (it is still in this window and in the recovery record).</translation>
        </message>
        <message>
            <source>Kodaira Desk: 配布し直されたファイルに保存できなかった入力（開いていた配布のファイルの写しも作れなかったため）</source>
            <translation>Kodaira Desk: values that could not be saved into a re-issued file (no copy of the hand-out that was open could be made either)</translation>
        </message>
        <message>
            <source>Kodaira Desk: 開いている間に壊れたファイルに入力していた値（名前を付けて保存できなかったため）</source>
            <translation>Kodaira Desk: values entered in a file that was damaged while it was open (it could not be saved under another name)</translation>
        </message>
        <message>
            <source>Kodaira Desk: 開いている間に壊れたファイルに入力していた値（保存しても読み戻せなかったため）</source>
            <translation>Kodaira Desk: values entered in a file that was damaged while it was open (what was saved could not be read back)</translation>
        </message>
        <message>
            <source>ファイルが壊れています</source>
            <translation>The file is damaged</translation>
        </message>
        <message>
            <source>「{file}」が壊れているため、保存できていません。入力はそのまま残っています。</source>
            <translation>"{file}" is damaged, so what you entered is not saved. It is still in the window.</translation>
        </message>
        <message>
            <source>日時: {when}</source>
            <translation>Date: {when}</translation>
        </message>
        <message numerus="yes">
            <source>入力した %n 件の値は消えていません。このウィンドウと復旧用の記録に残っていて、「{path}」にも書き残しました。</source>
            <translation>
                <numerusform>The %n value you entered is not lost: it is still in this window and in the recovery record, and is also written down in "{path}".</numerusform>
                <numerusform>The %n values you entered are not lost: they are still in this window and in the recovery record, and are also written down in "{path}".</numerusform>
            </translation>
        </message>
        <message>
            <source>（一覧をファイルに書き残せませんでした。必要なら、この内容を控えてください。）</source>
            <translation>(The list could not be written to a file. Note it down if you need it.)</translation>
        </message>
        <message>
            <source>政策課に連絡して新しい提出用ファイルを配布してもらい、それを開いて入力し直してください。</source>
            <translation>Ask the policy division to hand out a new department file, open it and enter the values again.</translation>
        </message>
        <message>
            <source>このファイルは使わず、バックアップから戻すよう管理者（政策課）に相談してください。</source>
            <translation>Do not use this file: ask the administrator (the policy division) to restore it from a backup.</translation>
        </message>
        <message>
            <source>名前を付けて保存できません</source>
            <translation>Cannot save under another name</translation>
        </message>
        <message>
            <source>「{file}」が壊れているため、名前を付けて保存しませんでした。</source>
            <translation>"{file}" is damaged: it was not saved under another name.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>{field}: 入力した値{typed}</source>
            <translation>{field}: you typed {typed}</translation>
        </message>
        <message>
            <source>Kodaira Desk: ほかで削除された指標・項目に入力していたため保存できなかった値</source>
            <translation>Kodaira Desk: values that could not be saved because their indicator or item was removed elsewhere</translation>
        </message>
        <message>
            <source>ファイル: {file}</source>
            <translation>File: {file}</translation>
        </message>
        <message>
            <source>保存した日時: {when}</source>
            <translation>Saved at: {when}</translation>
        </message>
        <message>
            <source>担当者: {who}</source>
            <translation>By: {who}</translation>
        </message>
        <message>
            <source>入力した値は「{path}」にも書き残しました。</source>
            <translation>What you typed is also written down in &quot;{path}&quot;.</translation>
        </message>
        <message>
            <source>入力した値をファイルに書き残せませんでした。必要なら、この内容を控えてください。</source>
            <translation>What you typed could not be written down in a file: note it from this message if you need it.</translation>
        </message>
        <message>
            <source>ほか {n} 件</source>
            <translation>and {n} more</translation>
        </message>
        <message>
            <source>削除された指標（{key}） {year} {what}</source>
            <translation>removed indicator ({key}) {year} {what}</translation>
        </message>
        <message>
            <source>削除された項目（{key}） {year} {what}</source>
            <translation>removed item ({key}) {year} {what}</translation>
        </message>
        <message>
            <source>ほかで削除された項目</source>
            <translation>Removed elsewhere</translation>
        </message>
        <message>
            <source>「{file}」を保存しました。ただし、次の {n} 件は、入力のあと別の画面またはほかの人が指標・項目を削除していたため保存できませんでした:
{lines}

{kept}</source>
            <translation>Saved &quot;{file}&quot;, but {n} of your entries could not be saved: after you typed them, their indicator or item was removed in another window or by someone else:
{lines}

{kept}</translation>
        </message>
    </context>
    <context>
        <name>RefusalWords</name>
        <message>
            <source>{file}: 一度も保存されていない（未記入の）ファイルです</source>
            <translation>{file}: never saved by the department (nothing entered)</translation>
        </message>
        <message>
            <source>{file}: 取り込み済みの版より古いファイルです</source>
            <translation>{file}: older than the version already taken in</translation>
        </message>
        <message>
            <source>{file}: 最後の保存のあとで中身が書き換えられています</source>
            <translation>{file}: its content was changed after its last save</translation>
        </message>
        <message>
            <source>{file}: ファイルが見つかりません</source>
            <translation>{file}: the file was not found</translation>
        </message>
        <message>
            <source>{file}: ファイルを読めません</source>
            <translation>{file}: the file cannot be read</translation>
        </message>
        <message>
            <source>{file}: 普通のファイルではありません</source>
            <translation>{file}: not an ordinary file</translation>
        </message>
        <message>
            <source>{file}: 空のファイルです</source>
            <translation>{file}: the file is empty</translation>
        </message>
        <message>
            <source>{file}: 提出用ファイルとしては大きすぎます</source>
            <translation>{file}: too large for a department file</translation>
        </message>
        <message>
            <source>{file}: 保存の途中で写されたファイルです</source>
            <translation>{file}: copied while it was being saved</translation>
        </message>
        <message>
            <source>{file}: 提出用ファイルではありません（データベースではありません）</source>
            <translation>{file}: not a department file (not a database)</translation>
        </message>
        <message>
            <source>{file}: ファイルが壊れています</source>
            <translation>{file}: the file is damaged</translation>
        </message>
        <message>
            <source>{file}: Kodaira Desk のファイルではありません</source>
            <translation>{file}: not a Kodaira Desk file</translation>
        </message>
        <message>
            <source>{file}: 新しい版の Kodaira Desk で保存されています</source>
            <translation>{file}: saved by a newer version of Kodaira Desk</translation>
        </message>
        <message>
            <source>{file}: 古い版のファイルを今の形式にできませんでした</source>
            <translation>{file}: an older file that could not be brought up to date</translation>
        </message>
        <message>
            <source>{file}: 提出用ファイルにないものが入っています</source>
            <translation>{file}: holds things a department file does not have</translation>
        </message>
        <message>
            <source>{file}: 提出用ファイルではありません</source>
            <translation>{file}: not a department file</translation>
        </message>
        <message>
            <source>{file}: 読めない値があります</source>
            <translation>{file}: holds values that cannot be read</translation>
        </message>
        <message>
            <source>{file}: 扱える範囲を超える値があります</source>
            <translation>{file}: holds a value past the limits</translation>
        </message>
        <message>
            <source>{file}: 親データベースにない項目の値があります</source>
            <translation>{file}: holds values for items the master does not have</translation>
        </message>
        <message>
            <source>{file}: 別の親データベースから配布されたファイルです</source>
            <translation>{file}: handed out from another master</translation>
        </message>
        <message>
            <source>{file}: 配布の記録にないファイルです</source>
            <translation>{file}: not from a hand-out on record</translation>
        </message>
        <message>
            <source>{file}: あとの配布で置き換えられたファイルです</source>
            <translation>{file}: replaced by a later hand-out</translation>
        </message>
        <message>
            <source>{file}: 別の課のファイルです</source>
            <translation>{file}: another department's file</translation>
        </message>
        <message>
            <source>{file}: 別の年度のファイルです</source>
            <translation>{file}: a file of another year</translation>
        </message>
        <message>
            <source>{file}: 親データベースの場所に書き込めないため取り込めませんでした</source>
            <translation>{file}: not taken in: the master's folder cannot be written to (full or read-only)</translation>
        </message>
        <message>
            <source>{file}: 取り込み中に予期しない問題が起きました</source>
            <translation>{file}: an unexpected problem while taking it in</translation>
        </message>
        <message>
            <source>{file}: 確認に時間がかかりすぎたため止めました</source>
            <translation>{file}: its checks took too long and were stopped</translation>
        </message>
        <message>
            <source>{file}: Excel のブックではありません</source>
            <translation>{file}: not an Excel workbook</translation>
        </message>
        <message>
            <source>{file}: パスワードで保護されたブックです</source>
            <translation>{file}: a password-protected workbook</translation>
        </message>
        <message>
            <source>{file}: 展開すると大きすぎるブックです</source>
            <translation>{file}: a workbook too large once unpacked</translation>
        </message>
        <message>
            <source>{file}: シートが大きすぎます</source>
            <translation>{file}: a sheet is too large</translation>
        </message>
        <message>
            <source>{file}: マクロ付きのブックです</source>
            <translation>{file}: a workbook with macros</translation>
        </message>
        <message>
            <source>{file}: ほかのブックへのリンクがあります</source>
            <translation>{file}: links to other workbooks</translation>
        </message>
        <message>
            <source>{file}: 配布したブックの識別情報がありません</source>
            <translation>{file}: the hand-out's identity sheet is missing</translation>
        </message>
        <message>
            <source>{file}: 配布したシートの名前が変わっているか、削除されています</source>
            <translation>{file}: a sheet of the hand-out was renamed or deleted</translation>
        </message>
        <message>
            <source>{file}: 添付ファイルの中身が名前の種類と違います</source>
            <translation>{file}: an attachment's content is not the type its name says</translation>
        </message>
        <message>
            <source>最新の受信ファイルは取り込んでいません（取込済みは第{n}版）。{reason}</source>
            <translation>The newest file received was not taken in (version {n} is the one taken). {reason}</translation>
        </message>
        <message>
            <source>最新の受信ファイルは取り込んでいません。{reason}</source>
            <translation>The newest file received was not taken in. {reason}</translation>
        </message>
        <message>
            <source>{file}: {department} を取り込みました（反映 {applied} 件、要確認 {conflicts} 件）。</source>
            <translation>{file}: {department} taken in ({applied} applied, {conflicts} to check).</translation>
        </message>
        <message>
            <source>{file}: 取込済みのファイルです（変更はありません）。</source>
            <translation>{file}: already taken in (nothing changed).</translation>
        </message>
        <message>
            <source>{where} は別のウィンドウまたは別の処理（取り込み・配布・保存）が使用中のため、何も取り込みませんでした。その処理が終わってから、もう一度実行してください。</source>
            <translation>{where} is in use by another window or process (a collection, a handout, a save), so nothing was collected. Try again once it has finished.</translation>
        </message>
        <message>
            <source>{where}: ディスクの空きが足りないため、何も取り込みませんでした。空きを作ってからもう一度実行してください。</source>
            <translation>{where}: there is not enough disk space, so nothing was collected. Make room and try again.</translation>
        </message>
        <message>
            <source>{where}: 書き込みの権限がないため（読み取り専用のファイルかフォルダです）、何も取り込みませんでした。</source>
            <translation>{where}: there is no permission to write there (a read-only file or folder), so nothing was collected.</translation>
        </message>
        <message>
            <source>{where}: データベースサーバーのディスクの空きが足りないため、何も取り込みませんでした。</source>
            <translation>{where}: the database server's disk is full, so nothing was collected.</translation>
        </message>
        <message>
            <source>{where}: このアカウントではサーバーのデータベースに書き込めないため、何も取り込みませんでした。</source>
            <translation>{where}: this account cannot write to the server's database, so nothing was collected.</translation>
        </message>
        <message>
            <source>{where} は壊れているため、何も取り込みませんでした。同じフォルダのバックアップにある取り込み前のコピーから戻してください。</source>
            <translation>{where} is damaged, so nothing was collected. Restore it from the copy made before a collection, in the backup folder beside it.</translation>
        </message>
        <message>
            <source> 取り込まなかったファイル: {names}</source>
            <translation> Files not taken in: {names}</translation>
        </message>
        <message>
            <source> ほか{n}件</source>
            <translation> and {n} more</translation>
        </message>
        <message>
            <source> 担当外・配布年度以外・確定済みの年度の変更 {n} 件は反映せず、要確認にしました。</source>
            <translation> {n} changes outside the department&apos;s items, the hand-out&apos;s year or a fixed year were not applied: to check.</translation>
        </message>
        <message>
            <source> 課長確認がありません（この年度は必須です）。要確認にしました。</source>
            <translation> No department head&apos;s check (required this year): to check.</translation>
        </message>
        <message>
            <source> 変更なし（前年度と同じ）の確認 {n} 件を反映しました。</source>
            <translation> {n} texts confirmed unchanged (as last year) applied.</translation>
        </message>
        <message>
            <source> 前年度から引き継いだまま確認されていない実施等状況 {n} 件は反映していません（未記入のままです）。</source>
            <translation> {n} texts carried from last year and not confirmed were not applied (still not entered).</translation>
        </message>
    </context>
    <context>
        <name>BoardModel</name>
        <message>
            <source>（所管課なし）</source>
            <translation>(no lead department)</translation>
        </message>
    </context>
    <context>
        <name>RoundSettingWords</name>
        <message>
            <source>進捗状況</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>実施等状況</source>
            <translation>Progress text</translation>
        </message>
        <message>
            <source>実施内容</source>
            <translation>Activities</translation>
        </message>
        <message>
            <source>決算額</source>
            <translation>Settled amount</translation>
        </message>
        <message>
            <source>実績</source>
            <translation>Actual</translation>
        </message>
        <message>
            <source>指標</source>
            <translation>Indicators</translation>
        </message>
        <message>
            <source>なし</source>
            <translation>none</translation>
        </message>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <source>／</source>
            <translation> / </translation>
        </message>
    </context>
    <context>
        <name>OsReasons</name>
        <message>
            <source>同じ名前のフォルダがあります</source>
            <translation>a folder of that name is there</translation>
        </message>
        <message>
            <source>同じ名前のファイルがすでにあります</source>
            <translation>a file of that name is already there</translation>
        </message>
        <message>
            <source>ファイルかフォルダが見つかりません</source>
            <translation>no such file or folder</translation>
        </message>
        <message>
            <source>権限がありません</source>
            <translation>no permission</translation>
        </message>
        <message>
            <source>読み取り専用の場所です</source>
            <translation>a read-only place</translation>
        </message>
        <message>
            <source>ディスクの空きがありません</source>
            <translation>the disk is full</translation>
        </message>
        <message>
            <source>使用できる容量の上限（クォータ）を超えています</source>
            <translation>the disk quota is used up</translation>
        </message>
        <message>
            <source>名前が長すぎます</source>
            <translation>the name is too long</translation>
        </message>
        <message>
            <source>ほかのプログラムが使用中です</source>
            <translation>in use by another program</translation>
        </message>
        <message>
            <source>別のドライブへは移せません</source>
            <translation>cannot be moved to another drive</translation>
        </message>
        <message>
            <source>ディスクの読み書きでエラーが起きました</source>
            <translation>the disk could not be read or written</translation>
        </message>
        <message>
            <source>途中にフォルダではないものがあります</source>
            <translation>part of the path is not a folder</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>配布し直されたファイル</source>
            <translation>File handed out again</translation>
        </message>
        <message>
            <source>「{file}」は、開いたあとで政策課が配布し直した新しいファイルに置き換えられていました。入力した値は新しいファイルには書き込まず、開いていた配布のファイルの写し「{copy}」（{folder}）に保存しました。{going}
新しいファイルには、配布し直す前の入力が入っていません。どちらを提出するか、政策課に確かめてください。</source>
            <translation>&quot;{file}&quot; was replaced, after you opened it, by a new file the policy division handed out again. What you typed was not written into the new file: it was saved into &quot;{copy}&quot; ({folder}), a copy of the hand-out you had open. {going}
The new file does not hold what you typed before it was handed out again. Ask the policy division which file to send back.</translation>
        </message>
        <message>
            <source>これからの保存は写しに書き込まれます。</source>
            <translation>From now on, saving writes to the copy.</translation>
        </message>
        <message>
            <source>写しを開き直してください。</source>
            <translation>Open the copy again.</translation>
        </message>
        <message>
            <source>開いていた配布のファイルの写しも作れませんでした（{why}）。入力は復旧用の記録にも残っています。名前を付けて保存はせず、政策課に連絡してください。</source>
            <translation>No copy of the hand-out you had open could be made either ({why}). What you typed is also kept in the recovery record. Do not use Save As; contact the policy division.</translation>
        </message>
    </context>
    <context>
        <name>DomainMessages</name>
        <message>
            <source>「{file}」は、開いたあとで別の配布ファイル（政策課が配布し直したもの）に置き換えられたため、入力を保存しませんでした。入力はこの画面に残っています。</source>
            <translation>&quot;{file}&quot; was replaced, after it was opened, by another hand-out file (handed out again by the policy division), so what you typed was not saved. It is still in this window.</translation>
        </message>
        <message>
            <source>{files}: 提出用ファイルを開いている画面（または同じフォルダへの別の配布）があるため、配布し直しませんでした（置き換えると、その画面で入力している値が別の配布のファイルに保存されてしまいます）。その画面で保存して閉じてから、もう一度配布してください。どの課にも配布していません。</source>
            <translation>{files}: a window has the department file open (or another hand-out into the same folder is under way), so it was not handed out again (replacing it would save what is being typed in that window into another hand-out&apos;s file). Save and close that window, then hand out again. Nothing was handed out to any department.</translation>
        </message>
    </context>
    <context>
        <name>DomainMessages</name>
        <message>
            <source>{url}: パスワードが違うか、入力されていません。</source>
            <translation>{url}: the password is wrong or was not given.</translation>
        </message>
        <message>
            <source>{url}: サーバーにそのデータベースがありません。</source>
            <translation>{url}: the server has no such database.</translation>
        </message>
        <message>
            <source>{url}: データベースサーバーに接続できませんでした。サーバー名・ポート・ネットワークを確認してください。</source>
            <translation>{url}: could not connect to the database server. Check the server name, the port and the network.</translation>
        </message>
        <message>
            <source>{url}: 暗号化（TLS）の接続を確立できませんでした（{detail}）。</source>
            <translation>{url}: could not set up the encrypted (TLS) connection ({detail}).</translation>
        </message>
        <message>
            <source>{url}: このアカウントにはそのデータベースを使う権限がありません。</source>
            <translation>{url}: this account may not use that database.</translation>
        </message>
        <message>
            <source>{url}: データベースサーバーを使えませんでした（{detail}）。</source>
            <translation>{url}: the database server could not be used ({detail}).</translation>
        </message>
        <message>
            <source>{url}: データベースサーバーに接続しましたが、{seconds} 秒待っても応答がありませんでした。サーバーが動いているか、ネットワークを確認してから、もう一度開いてください。</source>
            <translation>{url}: connected to the database server, but it did not answer in {seconds} seconds. Check that the server is running and the network, then open it again.</translation>
        </message>
        <message>
            <source>{url}: データベースサーバーが {seconds} 秒待っても応答しなかったため、書き込みを中断しました（保存されていません）。サーバーが動いているか、ネットワークを確認してから、もう一度保存してください。</source>
            <translation>{url}: the database server did not answer in {seconds} seconds, so the write was stopped (nothing was saved). Check that the server is running and the network, then save again.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>「{file}」は、前回の入力のあとで政策課が配布し直した新しいファイルに置き換えられています。前回保存されないまま終わった入力が {n} 件あります（配布し直す前のファイルに入力したものです）。
復元すると、この新しいファイルの未保存の変更として表示されます（元に戻すこともできます）。確かめてから保存してください。破棄しても、記録はしばらく残します。</source>
            <translation>&quot;{file}&quot; has been replaced, since you last typed in it, by a new file the policy division handed out again. {n} entries were left unsaved last time (typed into the file before it was handed out again).
Restoring shows them as unsaved changes of this new file (they can be undone). Check them before you save. If you discard them, a record is kept for a while.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>開いていた配布のファイルはもう読めません</source>
            <translation>the hand-out you had open can no longer be read</translation>
        </message>
    </context>
    <context>
        <name>IndicatorSaving</name>
        <message>
            <source>項目名</source>
            <translation>Item name</translation>
        </message>
        <message>
            <source>{year}の目標</source>
            <translation>{year} target</translation>
        </message>
        <message>
            <source>指標名</source>
            <translation>Indicator name</translation>
        </message>
        <message>
            <source>番号</source>
            <translation>Number</translation>
        </message>
        <message>
            <source>単位</source>
            <translation>Unit</translation>
        </message>
        <message>
            <source>累計</source>
            <translation>Cumulative</translation>
        </message>
        <message>
            <source>内数の親</source>
            <translation>Part of</translation>
        </message>
        <message>
            <source>所管課・関係課</source>
            <translation>Lead and related departments</translation>
        </message>
        <message>
            <source>調査・出典</source>
            <translation>Survey / source</translation>
        </message>
        <message>
            <source>基準値</source>
            <translation>Baseline</translation>
        </message>
        <message>
            <source>注記</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>「{text}」</source>
            <translation>"{text}"</translation>
        </message>
        <message>
            <source>（空欄）</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <source>{field}: 入力した値{mine}／ほかの人の値{now}（読み込んだときは{was}）</source>
            <translation>{field}: you typed {mine}; stored by someone else: {now} (when loaded: {was})</translation>
        </message>
        <message>
            <source>指標「{name}」は、この画面で開いたあとにほかで変更されました。</source>
            <translation>The indicator "{name}" was changed elsewhere after this window loaded it.</translation>
        </message>
        <message>
            <source>ほかで変更された項目</source>
            <translation>Changed elsewhere</translation>
        </message>
        <message>
            <source>自分の値で上書きして保存</source>
            <translation>Overwrite with mine and save</translation>
        </message>
        <message>
            <source>ほかの人の値にする</source>
            <translation>Take theirs</translation>
        </message>
        <message>
            <source>保存しませんでした（入力はそのまま残っています）。</source>
            <translation>Not saved (your entries are still here).</translation>
        </message>
    </context>
</TS>
