-- The county's list of member activity kinds (core/defaults.py ACTIVITY_KINDS).
INSERT OR IGNORE INTO code_item (list_kind, code, label, sort_order, active) VALUES
('activity_kind', '01', '四下乡·科技', 1, 1),
('activity_kind', '02', '四下乡·文化', 2, 1),
('activity_kind', '03', '四下乡·卫生', 3, 1),
('activity_kind', '04', '四下乡·就业信息', 4, 1),
('activity_kind', '05', '界别活动', 5, 1),
('activity_kind', '06', '读史讲史用史', 6, 1),
('activity_kind', '07', '视察', 7, 1),
('activity_kind', '08', '调研', 8, 1),
('activity_kind', '09', '民主评议', 9, 1),
('activity_kind', '10', '暗访', 10, 1),
('activity_kind', '11', '专项监督', 11, 1),
('activity_kind', '12', '学习培训', 12, 1),
('activity_kind', '13', '会议', 13, 1),
('activity_kind', '14', '开门协商', 14, 1),
('activity_kind', '15', '民主听证', 15, 1),
('activity_kind', '16', '其他', 16, 1);
