/** What a person is told when too many wrong invite or link codes were sent. */
export const guard = {
  codeTriesAccount: (minutes: number) =>
    `Anh/chị đã nhập sai mã nhiều lần. Vui lòng đợi khoảng ${minutes} phút rồi thử lại, hoặc đề nghị cán bộ quản trị cấp mã mới.`,
  codeTriesBot: (minutes: number) =>
    `Hệ thống đang tạm ngừng nhận mã mời vì có quá nhiều lượt nhập sai. Anh/chị vui lòng thử lại sau khoảng ${minutes} phút.`,
};
