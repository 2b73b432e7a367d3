/** What one channel's users are told about that channel's own limits. */
export const channels = {
  /** Zalo passes stickers and voice messages to bots, but no files: only text and photos can be read. */
  zaloTextOnly: () =>
    'Bot chỉ đọc được tin nhắn chữ và ảnh. Anh/chị vui lòng gõ câu trả lời (ảnh minh chứng thì gửi ảnh), hoặc gõ "hướng dẫn" để xem các lệnh.',
};
