"""Parts of the exchange page (数据交换): table models, readable rows, file choosers."""
