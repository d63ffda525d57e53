<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AuditDialog</name>
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
        <source>CSV に書き出す…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="420" />
        <source>閉じる</source>
        <translation>Close</translation>
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
        <translation>Enter costs in thousands of yen. For a year without budget, enter “—”.</translation>
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
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="196" />
        <source>回収状況と取り込み</source>
        <translation>Returns and collection</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="218" />
        <source>ファイルを取り込む…</source>
        <translation>Collect files…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="220" />
        <source>競合を確認…</source>
        <translation>Review conflicts…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="222" />
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="224" />
        <source>担当課から返ってきた提出用ファイル（.kdesk）をこの画面にドラッグするか、「ファイルを取り込む」で選んでください。取り込む前に親データベースのバックアップを作ります。</source>
        <translation>Drag the department files (.kdesk) that came back onto this window, or choose them with “Collect files”. The master database is backed up before anything is collected.</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="229" />
        <source>年度</source>
        <translation>Fiscal year</translation>
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
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="296" />
        <source>競合の確認</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="305" />
        <source>親の値を残す</source>
        <translation>Keep the master’s value</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="306" />
        <source>課の値を採用</source>
        <translation>Take the department’s value</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="307" />
        <source>別の値を入力…</source>
        <translation>Type another value…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="313" />
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="321" />
        <source>配布時の値・親データベースの値・課の値を見比べて決めてください。決めるまで親データベースの値が使われます。</source>
        <translation>Compare the value when handed out, the master’s value and the department’s value, and decide. Until then the master’s value is used.</translation>
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
        <translation>This item is not {d}’s, so it cannot be entered in this file.</translation>
    </message>
</context>
<context>
    <name>HandoutDialog</name>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="58" />
        <source>提出用ファイルの配布</source>
        <translation>Hand out department files</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="71" />
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="78" />
        <source>作成する</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="79" />
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="82" />
        <source>すべて選択</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="82" />
        <source>選択を解除</source>
        <translation>Select none</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="93" />
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="95" />
        <source>配布する課</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="98" />
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="110" />
        <source>保存先フォルダ</source>
        <translation>Folder</translation>
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
</context>
<context>
    <name>KpiForm</name>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="295" />
        <source>数値は「1,234人」「80.9%」「+600人」のように入力できます（全角可）。値がないときは 「-」（調査なし）「—」（なし）「（※4）」（注記参照）。赤: 入力の誤り（保存されません）、黄: 確認が必要な値、青字: 未保存の変更。</source>
        <translation>Enter numbers as 1,234人, 80.9% or +600人 (full-width digits are fine). Without a value: “-” (no survey), “—” (none), “（※4）” (see note). Red: invalid input (not saved); yellow: value to check; blue: unsaved change.</translation>
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
        <location filename="../../kodaira_desk/ui/main_window.py" line="243" />
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="244" />
        <source>最近使ったファイル</source>
        <translation>Recent files</translation>
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
        <source>言語 / Language</source>
        <translation>Language / 言語</translation>
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
        <source>提出用ファイルの配布…</source>
        <translation>Hand out department files…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="251" />
        <source>回収状況と取り込み…</source>
        <translation>Returns and collection…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="252" />
        <source>競合の確認…</source>
        <translation>Conflicts…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="253" />
        <source>変更履歴（監査ログ）…</source>
        <translation>Change history (audit log)…</translation>
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
        <source> 入力年度 </source>
        <translation> Fiscal year </translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/main_window.py" line="264" />
        <source> 担当課 </source>
        <translation> Department </translation>
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
        <source>今年度の未入力のみ</source>
        <translation>Only missing this year</translation>
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
        <source>進捗状況</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="163" />
        <source>これまでの実施等状況（参照のみ）</source>
        <translation>Earlier years (read only)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="164" />
        <source>1行に1項目。「・」で始まる行は箇条書き、《》の行は小見出しになります。</source>
        <translation>One item per line. A line starting with ・ is a bullet; a line in 《》 is a sub-heading.</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/forms.py" line="168" />
        <source>{year}の実施等状況</source>
        <translation>What was done in {year}</translation>
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
</context>
<context>
    <name>NodeHeader</name>
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
        <source>日付を入れる</source>
        <translation>Print a date</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="80" />
        <source>「未定稿」を付ける</source>
        <translation>Mark as draft (未定稿)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="82" />
        <source>（すべての課）</source>
        <translation>(all departments)</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="95" />
        <source>すべての年度</source>
        <translation>All fiscal years</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="103" />
        <source>計画</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="104" />
        <source>帳票</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="105" />
        <source>資料番号</source>
        <translation>Handout no.</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="106" />
        <source>会議名</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="110" />
        <source>日付</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="112" />
        <source>担当課</source>
        <translation>Department</translation>
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
        <source>保存…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/report_dialog.py" line="129" />
        <source>閉じる</source>
        <translation>Close</translation>
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
        <translation>Department’s value</translation>
    </message>
    <message>
        <location filename="../../kodaira_desk/ui/round_dialogs.py" line="395" />
        <source>（なし）</source>
        <translation>(none)</translation>
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
        <translation>This is {d}’s item.</translation>
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
        <source>数値は「1,234人」「80.9%」「+600人」のように入力できます（全角可）。値がないときは 「-」（調査なし）「—」（なし）「（※4）」（注記参照）。赤: 入力の誤り（保存されません）、黄: 確認が必要な値、青字: 未保存の変更、灰色: このファイルでは入力できない欄。</source>
        <translation>Type values as printed: “1,234人”, “80.9%”, “+600人” (full width is fine). With no value: “-” (no survey), “—” (none), “（※4）” (see note). Red: invalid entry (not saved); yellow: value to check; blue: unsaved change; grey: cannot be entered in this file.</translation>
    </message>
</context>
<context>
    <name>InvalidNotice</name>
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
    <message>
        <source>{n} 件の変更を保存しました。</source>
        <translation>Saved {n} changes.</translation>
    </message>
    <message>
        <source>赤いセル {n} 個は読めない入力のため保存していません。</source>
        <translation>{n} red cells hold input that cannot be read and were not saved.</translation>
    </message>
    <message>
        <source>直すか消してから、もう一度保存してください。</source>
        <translation>Correct or clear them, then save again.</translation>
    </message>
    <message>
        <source>・{what}: 「{text}」 — {message}</source>
        <translation>• {what}: “{text}” — {message}</translation>
    </message>
    <message>
        <source>ほか {n} 個</source>
        <translation>and {n} more</translation>
    </message>
    <message>
        <source>次の {n} 個の赤いセルは読めない入力のため、保存しても保存されません:</source>
        <translation>These {n} red cells hold input that cannot be read and will not be saved:</translation>
    </message>
</context>
</TS>